with support_segments as (

    select * from {{ ref('int_support_segments') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

rate_units as (

    select * from {{ ref('rate_units') }}

),

measure_extract_dates as (

    select
        kommunekode,
        max(extract_date) as extract_date
    from {{ ref('stg_boern__indsatser') }}
    group by kommunekode
    union all
    select
        kommunekode,
        max(extract_date) as extract_date
    from {{ ref('stg_voksen__indsatser') }}
    group by kommunekode

),

-- the extract date up to which a municipality's costs are counted
extract_dates as (

    select
        kommunekode,
        max(extract_date) as extract_date
    from (
        select
            kommunekode,
            extract_date
        from measure_extract_dates
        union all
        select
            kommunekode,
            extract_date
        from support_segments
    ) as dates
    group by kommunekode

),

-- a calendar of months (a few hundred rows) that spells are range-joined to
calendar as (

    select cast(unnest(generate_series(first_month, last_month, interval 1 month)) as date) as month
    from (
        select
            cast(date_trunc('month', least(
                (select min(segment_start) from support_segments),
                (select min(start_date) from measure_spells)
            )) as date) as first_month,
            cast(date_trunc('month', (select max(extract_date) from extract_dates)) as date) as last_month
    ) as bounds

),

months as (

    select
        extract_dates.kommunekode,
        calendar.month,
        -- the month running on the extract date counts up to the extract date
        least(last_day(calendar.month), extract_dates.extract_date) as period_end
    from extract_dates
    inner join calendar on extract_dates.extract_date >= calendar.month

),

support_costs as (

    select
        months.kommunekode,
        support_segments.person_id,
        months.month,
        'income_support' as cost_category,
        {{ support_cost(
            'support_segments.dkk_per_week',
            overlap_days('support_segments.segment_start', 'support_segments.segment_end', 'months.month', 'months.period_end'),
        ) }} as cost_dkk
    from support_segments
    inner join months
        on support_segments.kommunekode = months.kommunekode
        and support_segments.segment_start <= months.period_end
        and support_segments.segment_end >= months.month

),

measure_costs as (

    select
        months.kommunekode,
        measure_spells.person_id,
        months.month,
        {{ measure_cost_category('measure_spells') }} as cost_category,
        {{ measure_cost('measure_spells', 'rate_units', 'months.month', 'months.period_end') }} as cost_dkk
    from measure_spells
    inner join months
        on measure_spells.kommunekode = months.kommunekode
        and measure_spells.start_date <= months.period_end
        and measure_spells.end_date >= months.month
    inner join rate_units on measure_spells.rate_unit = rate_units.code

),

spell_costs as (

    select * from support_costs
    union all
    select * from measure_costs

),

components as (

    select
        kommunekode,
        person_id,
        month,
        cast(coalesce(sum(cost_dkk) filter (where cost_category = 'income_support'), 0) as decimal(18, 4))
            as cost_income_support_dkk,
        cast(coalesce(sum(cost_dkk) filter (where cost_category = 'child_measures'), 0) as decimal(18, 4))
            as cost_child_measures_dkk,
        cast(coalesce(sum(cost_dkk) filter (where cost_category = 'placements'), 0) as decimal(18, 4))
            as cost_placements_dkk,
        cast(coalesce(sum(cost_dkk) filter (where cost_category = 'adult_measures'), 0) as decimal(18, 4))
            as cost_adult_measures_dkk
    from spell_costs
    group by kommunekode, person_id, month

),

final as (

    select
        *,
        cast(
            cost_income_support_dkk + cost_child_measures_dkk + cost_placements_dkk + cost_adult_measures_dkk
            as decimal(18, 4)
        ) as cost_total_dkk
    from components
    where
        cost_income_support_dkk <> 0
        or cost_child_measures_dkk <> 0
        or cost_placements_dkk <> 0
        or cost_adult_measures_dkk <> 0

)

select * from final
