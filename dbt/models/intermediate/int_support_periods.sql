with support_weeks as (

    select * from {{ ref('int_support_weeks') }}

),

with_previous_week as (

    select
        kommunekode,
        person_id,
        week_start,
        lag(week_start) over (partition by kommunekode, person_id order by week_start) as previous_week_start
    from support_weeks

),

numbered as (

    select
        *,
        sum(
            case
                when previous_week_start is null then 1
                -- weeks without support between the two support weeks
                when date_diff('day', previous_week_start, week_start) // 7 - 1 > {{ var('support_gap_max_weeks') }}
                    then 1
                else 0
            end
        ) over (partition by kommunekode, person_id order by week_start rows unbounded preceding) as period_number
    from with_previous_week

),

final as (

    select
        kommunekode,
        person_id,
        period_number,
        min(week_start) as first_week_start,
        max(week_start) as last_week_start,
        count(*) as weeks_on_support
    from numbered
    group by kommunekode, person_id, period_number

)

select * from final
