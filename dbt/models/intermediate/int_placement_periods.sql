with measure_spells as (

    select * from {{ ref('int_measure_spells') }}
    where is_placement

),

with_latest_earlier_end as (

    select
        kommunekode,
        person_id,
        start_date,
        end_date,
        max(end_date) over (
            partition by kommunekode, person_id
            order by start_date
            -- range frames: spells starting the same day are peers and get the same values, whatever their order
            range between unbounded preceding and interval 1 day preceding
        ) as latest_earlier_end
    from measure_spells

),

numbered as (

    select
        *,
        sum(case when latest_earlier_end is null or start_date > latest_earlier_end + 1 then 1 else 0 end) over (
            partition by kommunekode, person_id order by start_date range between unbounded preceding and current row
        ) as period_number
    from with_latest_earlier_end

),

final as (

    select
        kommunekode,
        person_id,
        period_number,
        min(start_date) as start_date,
        max(end_date) as end_date
    from numbered
    group by kommunekode, person_id, period_number

)

select * from final
