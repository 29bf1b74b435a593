-- every covariate is worked out per member row first (joined on an integer key), then summed per unit in one pass
with units as (

    select
        *,
        row_number() over () as member_row
    from {{ ref('int_comparison_units') }}

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

child_cases as (

    select * from {{ ref('stg_boern__sager') }}

),

investigations as (

    select * from {{ ref('stg_boern__undersoegelser') }}

),

-- a child investigation begun in the 4 months before the match day, in a case then open for 6 months or more;
-- the latest one dates the referral
members_reinvestigated as (

    select
        units.member_row,
        max(investigations.start_date) as renewed_investigation_date
    from units
    inner join child_cases
        on units.kommunekode = child_cases.kommunekode
        and units.person_id = child_cases.child_id
    inner join investigations
        on child_cases.kommunekode = investigations.kommunekode
        and child_cases.case_id = investigations.case_id
    where
        units.is_child
        and investigations.start_date between units.match_month - interval 4 month and units.match_month
        and child_cases.opened_date <= investigations.start_date - interval 6 month
    group by units.member_row

),

members_on_support as (

    select distinct units.member_row
    from units
    inner join benefit_spells
        on units.kommunekode = benefit_spells.kommunekode
        and units.person_id = benefit_spells.person_id
        and units.match_month between benefit_spells.valid_from
        and coalesce(benefit_spells.valid_to, benefit_spells.extract_date)
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where units.is_adult and benefit_types.is_public_income_support

),

members_placed as (

    select distinct units.member_row
    from units
    inner join measure_spells
        on units.kommunekode = measure_spells.kommunekode
        and units.person_id = measure_spells.person_id
        and units.match_month between measure_spells.start_date and measure_spells.end_date
    where units.is_child and measure_spells.is_placement

),

-- one bit per system, so that a unit's systems are the bitwise or of its members' (a list per member cost twice the
-- whole model at national size)
system_bits as (

    select
        system,
        cast(1 as bigint) << cast(row_number() over (order by system) - 1 as bigint) as system_bit
    from (select distinct system from system_spells) as systems

),

member_systems as (

    select
        units.member_row,
        bit_or(system_bits.system_bit) as system_mask
    from units
    inner join system_spells
        on units.kommunekode = system_spells.kommunekode
        and units.person_id = system_spells.person_id
        and units.match_month between system_spells.valid_from and system_spells.valid_to
    inner join system_bits on system_spells.system = system_bits.system
    group by units.member_row

),

member_costs as (

    select
        units.member_row,
        sum(person_month_costs.cost_total_dkk) as cost_12_months_before_dkk,
        sum(person_month_costs.cost_total_dkk) filter (
            where person_month_costs.month >= units.match_month - interval 3 month
        ) as cost_3_months_before_dkk
    from units
    inner join person_month_costs
        on units.kommunekode = person_month_costs.kommunekode
        and units.person_id = person_month_costs.person_id
        and units.match_month - interval 12 month <= person_month_costs.month
        and units.match_month > person_month_costs.month
    group by units.member_row

),

final as (

    select
        units.unit_kind,
        units.unit_id,
        units.match_month,
        any_value(units.kommunekode) as kommunekode,
        any_value(units.program) as program,
        count(*) filter (where units.is_adult) as adults_n,
        count(*) filter (where units.is_child) as children_n,
        count(members_placed.member_row) > 0 as has_placement,
        count(members_on_support.member_row) > 0 as has_income_support,
        count(members_reinvestigated.member_row) > 0 as has_renewed_investigation,
        datediff('month', max(members_reinvestigated.renewed_investigation_date), units.match_month)
            as renewed_investigation_months_before,
        coalesce(bit_count(bit_or(member_systems.system_mask)), 0) as systems_n,
        cast(coalesce(sum(member_costs.cost_12_months_before_dkk), 0) as decimal(18, 2))
            as cost_12_months_before_dkk,
        cast(coalesce(sum(member_costs.cost_3_months_before_dkk), 0) as decimal(18, 2))
            as cost_3_months_before_dkk
    from units
    left join members_placed on units.member_row = members_placed.member_row
    left join members_on_support on units.member_row = members_on_support.member_row
    left join members_reinvestigated on units.member_row = members_reinvestigated.member_row
    left join member_systems on units.member_row = member_systems.member_row
    left join member_costs on units.member_row = member_costs.member_row
    group by units.unit_kind, units.unit_id, units.match_month

)

select * from final
