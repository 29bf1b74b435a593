with cost_periods as (

    select * from {{ ref('int_cost_periods') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

rate_units as (

    select * from {{ ref('rate_units') }}

),

support_weeks as (

    select * from {{ ref('int_support_weeks') }}

),

measure_costs as (

    select
        cost_periods.period_id,
        cost_periods.person_id,
        measure_spells.measure_kind || '_measures' as cost_category,
        measure_spells.measure_kind || '-' || measure_spells.measure_id as spell_id,
        case rate_units.pricing
            when 'per_day'
                then
                    measure_spells.rate_dkk
                    * {{ overlap_days(
                        'measure_spells.start_date', 'measure_spells.end_date',
                        'cost_periods.period_start', 'cost_periods.period_end',
                    ) }}
                    / rate_units.days_per_unit
            when 'per_hour'
                then
                    measure_spells.rate_dkk * coalesce(measure_spells.hours_per_week, 0)
                    * {{ overlap_days(
                        'measure_spells.start_date', 'measure_spells.end_date',
                        'cost_periods.period_start', 'cost_periods.period_end',
                    ) }}
                    / rate_units.days_per_unit
            when 'once' then
                case
                    when measure_spells.start_date between cost_periods.period_start and cost_periods.period_end
                        then measure_spells.rate_dkk
                    else 0
                end
        end as cost_dkk
    from cost_periods
    inner join measure_spells
        on cost_periods.kommunekode = measure_spells.kommunekode
        and cost_periods.person_id = measure_spells.person_id
        and cost_periods.period_end >= measure_spells.start_date
        and cost_periods.period_start <= measure_spells.end_date
    inner join rate_units on measure_spells.rate_unit = rate_units.code

),

support_costs as (

    select
        cost_periods.period_id,
        cost_periods.person_id,
        'income_support' as cost_category,
        'support-' || strftime(support_weeks.week_start, '%Y-%m-%d') as spell_id,
        -- a week split by the period's edge is priced by its days inside the period
        support_weeks.dkk_per_week
        * {{ overlap_days(
            'support_weeks.week_start', 'support_weeks.week_start + 6',
            'cost_periods.period_start', 'cost_periods.period_end',
        ) }}
        / 7 as cost_dkk
    from cost_periods
    inner join support_weeks
        on cost_periods.kommunekode = support_weeks.kommunekode
        and cost_periods.person_id = support_weeks.person_id
        and cost_periods.period_end >= support_weeks.week_start
        and cost_periods.period_start <= support_weeks.week_start + 6

),

final as (

    select * from measure_costs
    union all
    select * from support_costs

)

select * from final
