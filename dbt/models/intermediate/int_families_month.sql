with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

family_members as (

    select * from {{ ref('family_members') }}

),

family_spells as (

    select
        kommunekode,
        family_id,
        min(valid_from) as valid_from,
        max(valid_to) as valid_to
    from family_members
    group by kommunekode, family_id

),

-- a family is counted in month m when its spell covers m's status date: from the month of its first
-- day, up to the month before the first month whose status date is after its last day
spell_months as (

    select
        family_spells.kommunekode,
        cast(date_trunc('month', family_spells.valid_from) as date) as first_month,
        case
            when family_spells.valid_to >= end_months.status_date
                then cast(end_months.month + interval 1 month as date)
            else end_months.month
        end as stop_month
    from family_spells
    inner join operations_months as end_months
        on family_spells.kommunekode = end_months.kommunekode
        and cast(date_trunc('month', family_spells.valid_to) as date) = end_months.month

),

changes as (

    select
        kommunekode,
        first_month as month,
        count(*) as change_n
    from spell_months
    group by kommunekode, first_month
    union all
    select
        kommunekode,
        stop_month as month,
        -count(*) as change_n
    from spell_months
    group by kommunekode, stop_month

),

final as (

    select
        operations_months.kommunekode,
        operations_months.month,
        cast(coalesce(sum(changes.change_n), 0) as bigint) as families_n
    from operations_months
    left join changes
        on operations_months.kommunekode = changes.kommunekode
        and operations_months.month >= changes.month
    group by operations_months.kommunekode, operations_months.month

)

select * from final
