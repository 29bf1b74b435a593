with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

units as (

    select * from {{ ref('int_comparison_units') }}

),

matches as (

    select * from {{ ref('int_comparison_matches') }}

),

person_month_costs as (

    select * from {{ ref('int_person_month_costs') }}

),

enrolment_months as (

    -- every month from 12 before the start month to 24 after it that the extract has seen
    select
        enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.program,
        cast(date_trunc('month', enrolments.enrolment_start) as date) as match_month,
        relative_months.relative_month,
        cast(date_trunc('month', enrolments.enrolment_start) + to_months(relative_months.relative_month) as date)
            as calendar_month
    from enrolments
    cross join range(-12, 25) as relative_months (relative_month)
    where
        date_trunc('month', enrolments.enrolment_start) + to_months(relative_months.relative_month)
        <= date_trunc('month', enrolments.extract_date)

),

matched_families as (

    select distinct
        comparison_family_id,
        match_month
    from matches

),

-- the enrolments and the comparison families some enrolment is matched with, not the whole candidate pool
followed_units as (

    select units.*
    from units
    left join matched_families
        on units.unit_id = matched_families.comparison_family_id
        and units.match_month = matched_families.match_month
    where units.unit_kind = 'enrolment' or matched_families.comparison_family_id is not null

),

unit_month_costs as (

    select
        followed_units.unit_kind,
        followed_units.unit_id,
        followed_units.match_month,
        person_month_costs.month,
        sum(person_month_costs.cost_total_dkk) as cost_dkk
    from followed_units
    inner join person_month_costs
        on followed_units.kommunekode = person_month_costs.kommunekode
        and followed_units.person_id = person_month_costs.person_id
        and person_month_costs.month >= followed_units.match_month - interval 12 month
        and person_month_costs.month <= followed_units.match_month + interval 24 month
    group by followed_units.unit_kind, followed_units.unit_id, followed_units.match_month, person_month_costs.month

),

enrolled_costs as (

    select
        enrolment_months.enrolment_id,
        enrolment_months.relative_month,
        coalesce(unit_month_costs.cost_dkk, 0) as cost_dkk
    from enrolment_months
    left join unit_month_costs
        on unit_month_costs.unit_kind = 'enrolment'
        and enrolment_months.enrolment_id = unit_month_costs.unit_id
        and enrolment_months.calendar_month = unit_month_costs.month

),

comparison_costs as (

    -- each enrolment's comparison families averaged first, so every enrolment weighs the same
    select
        enrolment_months.enrolment_id,
        enrolment_months.relative_month,
        cast(sum(coalesce(unit_month_costs.cost_dkk, 0)) / count(*) as decimal(18, 4)) as cost_dkk,
        count(*) as comparison_families_n
    from enrolment_months
    inner join matches on enrolment_months.enrolment_id = matches.enrolment_id
    left join unit_month_costs
        on unit_month_costs.unit_kind = 'comparison_family'
        and matches.comparison_family_id = unit_month_costs.unit_id
        and matches.match_month = unit_month_costs.match_month
        and enrolment_months.calendar_month = unit_month_costs.month
    group by enrolment_months.enrolment_id, enrolment_months.relative_month

),

final as (

    select
        enrolment_months.kommunekode,
        enrolment_months.program,
        enrolment_months.relative_month,
        count(*) as enrolments_n,
        cast(sum(enrolled_costs.cost_dkk) / count(*) as decimal(18, 2)) as enrolled_cost_per_family_month_dkk,
        count(comparison_costs.enrolment_id) as matched_enrolments_n,
        cast(sum(comparison_costs.cost_dkk) / count(comparison_costs.enrolment_id) as decimal(18, 2))
            as comparison_cost_per_family_month_dkk
    from enrolment_months
    inner join enrolled_costs
        on enrolment_months.enrolment_id = enrolled_costs.enrolment_id
        and enrolment_months.relative_month = enrolled_costs.relative_month
    left join comparison_costs
        on enrolment_months.enrolment_id = comparison_costs.enrolment_id
        and enrolment_months.relative_month = comparison_costs.relative_month
    group by enrolment_months.kommunekode, enrolment_months.program, enrolment_months.relative_month

)

select * from final
