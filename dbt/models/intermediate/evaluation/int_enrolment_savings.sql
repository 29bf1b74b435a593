with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

enrolment_costs as (

    select * from {{ ref('int_enrolment_costs') }}

),

matches as (

    select * from {{ ref('int_comparison_matches') }}

),

spell_costs as (

    select * from {{ ref('int_spell_costs') }}

),

period_costs as (

    select
        period_id,
        sum(cost_dkk) as cost_dkk
    from spell_costs
    group by period_id

),

match_changes as (

    -- the change a comparison family went through over the enrolment's own windows
    select
        matches.enrolment_id,
        matches.comparison_family_id,
        cast(
            coalesce(during_enrolment.cost_dkk, 0)
            - coalesce(year_before_start.cost_dkk, 0) * enrolment_costs.enrolment_days / 365
            as decimal(18, 4)
        ) as cost_change_dkk
    from matches
    inner join enrolment_costs on matches.enrolment_id = enrolment_costs.enrolment_id
    left join period_costs as year_before_start
        on matches.enrolment_id || '|' || matches.comparison_family_id || '|comparison_year_before_start'
        = year_before_start.period_id
    left join period_costs as during_enrolment
        on matches.enrolment_id || '|' || matches.comparison_family_id || '|comparison_enrolment'
        = during_enrolment.period_id

),

comparison_changes as (

    select
        enrolment_id,
        count(*) as comparison_families_n,
        cast(sum(cost_change_dkk) / count(*) as decimal(18, 4)) as comparison_cost_change_dkk
    from match_changes
    group by enrolment_id

),

final as (

    select
        enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.program,
        cast(year(enrolments.enrolment_start) as varchar) as cohort,
        enrolment_costs.enrolment_days,
        enrolment_costs.cost_year_before_dkk,
        enrolment_costs.cost_during_dkk,
        cast(
            enrolment_costs.cost_during_dkk
            - enrolment_costs.cost_year_before_dkk * enrolment_costs.enrolment_days / 365
            as decimal(18, 4)
        ) as enrolled_cost_change_dkk,
        comparison_changes.comparison_families_n,
        comparison_changes.comparison_cost_change_dkk
    from enrolments
    inner join enrolment_costs on enrolments.enrolment_id = enrolment_costs.enrolment_id
    left join comparison_changes on enrolments.enrolment_id = comparison_changes.enrolment_id

)

select
    *,
    -- a positive saving: the enrolled family's cost fell more (or rose less) than its comparison families'
    comparison_cost_change_dkk - enrolled_cost_change_dkk as saving_dkk,
    -enrolled_cost_change_dkk as naive_saving_dkk
from final
