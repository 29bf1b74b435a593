with cost_periods as (

    select * from {{ ref('int_cost_periods') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

rate_units as (

    select * from {{ ref('rate_units') }}

),

support_segments as (

    select * from {{ ref('int_support_segments') }}

),

measure_costs as (

    select
        cost_periods.period_id,
        cost_periods.person_id,
        {{ measure_cost_category('measure_spells') }} as cost_category,
        measure_spells.measure_kind || '-' || measure_spells.measure_id as spell_id,
        {{ measure_cost('measure_spells', 'rate_units', 'cost_periods.period_start', 'cost_periods.period_end') }}
            as cost_dkk
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
        'support-' || strftime(support_segments.segment_start, '%Y-%m-%d') as spell_id,
        -- a segment (of whole ISO weeks) cut by the period's edges is priced by its days inside the period
        {{ support_cost(
            'support_segments.dkk_per_week',
            overlap_days(
                'support_segments.segment_start', 'support_segments.segment_end',
                'cost_periods.period_start', 'cost_periods.period_end',
            ),
        ) }} as cost_dkk
    from cost_periods
    inner join support_segments
        on cost_periods.kommunekode = support_segments.kommunekode
        and cost_periods.person_id = support_segments.person_id
        and cost_periods.period_end >= support_segments.segment_start
        and cost_periods.period_start <= support_segments.segment_end

),

final as (

    select * from measure_costs
    union all
    select * from support_costs

)

select * from final
