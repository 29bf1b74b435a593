with units as (

    select * from {{ ref('int_comparison_units') }}

),

benefit_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

system_spells as (

    select * from {{ ref('int_person_system_spells') }}

),

person_month_costs as (

    select * from {{ ref('int_person_month_costs') }}

),

on_support as (

    select distinct
        units.unit_kind,
        units.unit_id,
        units.match_month
    from units
    inner join benefit_spells
        on units.kommunekode = benefit_spells.kommunekode
        and units.person_id = benefit_spells.person_id
        and units.match_month between benefit_spells.valid_from
        and coalesce(benefit_spells.valid_to, benefit_spells.extract_date)
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where units.is_adult and benefit_types.is_public_income_support

),

placed as (

    select distinct
        units.unit_kind,
        units.unit_id,
        units.match_month
    from units
    inner join measure_spells
        on units.kommunekode = measure_spells.kommunekode
        and units.person_id = measure_spells.person_id
        and units.match_month between measure_spells.start_date and measure_spells.end_date
    where units.is_child and measure_spells.is_placement

),

systems as (

    select
        units.unit_kind,
        units.unit_id,
        units.match_month,
        count(distinct system_spells.system) as systems_n
    from units
    inner join system_spells
        on units.kommunekode = system_spells.kommunekode
        and units.person_id = system_spells.person_id
        and units.match_month between system_spells.valid_from and system_spells.valid_to
    group by units.unit_kind, units.unit_id, units.match_month

),

costs_before as (

    select
        units.unit_kind,
        units.unit_id,
        units.match_month,
        sum(person_month_costs.cost_total_dkk) as cost_12_months_before_dkk,
        coalesce(
            sum(person_month_costs.cost_total_dkk) filter (
                where person_month_costs.month >= units.match_month - interval 3 month
            ),
            0
        ) as cost_3_months_before_dkk
    from units
    inner join person_month_costs
        on units.kommunekode = person_month_costs.kommunekode
        and units.person_id = person_month_costs.person_id
        and units.match_month - interval 12 month <= person_month_costs.month
        and units.match_month > person_month_costs.month
    group by units.unit_kind, units.unit_id, units.match_month

),

unit_members as (

    select
        unit_kind,
        unit_id,
        match_month,
        any_value(kommunekode) as kommunekode,
        any_value(program) as program,
        count(*) filter (where is_adult) as adults_n,
        count(*) filter (where is_child) as children_n
    from units
    group by unit_kind, unit_id, match_month

),

final as (

    select
        unit_members.unit_kind,
        unit_members.unit_id,
        unit_members.match_month,
        unit_members.kommunekode,
        unit_members.program,
        unit_members.adults_n,
        unit_members.children_n,
        placed.unit_id is not null as has_placement,
        on_support.unit_id is not null as has_income_support,
        coalesce(systems.systems_n, 0) as systems_n,
        cast(coalesce(costs_before.cost_12_months_before_dkk, 0) as decimal(18, 2)) as cost_12_months_before_dkk,
        cast(coalesce(costs_before.cost_3_months_before_dkk, 0) as decimal(18, 2)) as cost_3_months_before_dkk
    from unit_members
    left join placed
        on unit_members.unit_kind = placed.unit_kind
        and unit_members.unit_id = placed.unit_id
        and unit_members.match_month = placed.match_month
    left join on_support
        on unit_members.unit_kind = on_support.unit_kind
        and unit_members.unit_id = on_support.unit_id
        and unit_members.match_month = on_support.match_month
    left join systems
        on unit_members.unit_kind = systems.unit_kind
        and unit_members.unit_id = systems.unit_id
        and unit_members.match_month = systems.match_month
    left join costs_before
        on unit_members.unit_kind = costs_before.unit_kind
        and unit_members.unit_id = costs_before.unit_id
        and unit_members.match_month = costs_before.match_month

)

select * from final
