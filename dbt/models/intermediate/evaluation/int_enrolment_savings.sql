with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

enrolment_costs as (

    select * from {{ ref('int_enrolment_costs') }}

),

match_changes as (

    select * from {{ ref('int_match_cost_changes') }}

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
