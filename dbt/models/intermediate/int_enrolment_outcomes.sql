with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

adult_outcomes as (

    select * from {{ ref('int_adult_outcomes') }}

),

child_case_status as (

    select * from {{ ref('int_child_case_status') }}

),

screenings as (

    select * from {{ ref('int_screenings') }}

),

enrolment_costs as (

    select * from {{ ref('int_enrolment_costs') }}

),

youth_charges as (

    select * from {{ ref('int_youth_charges') }}

),

event_study_child_months as (

    select * from {{ ref('int_event_study_child_months') }}

),

adults as (

    select
        enrolment_id,
        count(*) as n_adults,
        count(*) filter (where is_on_support_at_start) as adults_on_support_at_start_n,
        -- decimals, so the sum does not depend on the order of the rows
        sum(cast(support_years_before_start as decimal(38, 10))) as adults_support_years_before_start_sum,
        count(*) filter (where is_woman_30_40) as adults_women_30_40_n,
        count(*) filter (where is_on_support_at_start and has_self_supporting_run) as adults_on_support_with_run_n,
        count(*) filter (where is_on_support_at_start and is_self_supporting_at_end)
            as adults_on_support_self_supporting_at_end_n,
        count(*) filter (where is_self_supporting_at_end) as adults_self_supporting_at_end_n,
        count(*) filter (where is_in_work_at_end) as adults_in_work_at_end_n
    from adult_outcomes
    group by enrolment_id

),

children as (

    select
        enrolment_id,
        count(*) as n_children,
        count(*) filter (where has_open_case_at_start) as children_open_case_at_start_n,
        sum(cast(case_years_at_start as decimal(38, 10))) filter (where has_open_case_at_start)
            as children_case_years_at_start_sum,
        count(*) filter (where has_open_case_at_end) as children_open_case_at_end_n,
        count(*) filter (where is_case_closed_by_end) as children_case_closed_n
    from child_case_status
    group by enrolment_id

),

screened_children as (

    select
        enrolment_id,
        count(*) as children_screened_n,
        count(*) filter (where is_severe_moderate_first) as children_severe_moderate_first_n,
        count(*) filter (where is_severe_moderate_last) as children_severe_moderate_last_n
    from screenings
    group by enrolment_id

),

youth as (

    select
        enrolment_id,
        count(*) filter (where has_politi_source) as youth_observed_n,
        count(*) filter (where is_charged) as youth_charged_n
    from youth_charges
    group by enrolment_id

),

child_measures_around_run as (

    select
        enrolment_id,
        count(*) filter (where relative_month between -6 and -1) as child_months_before_n,
        sum(active_measures_n) filter (where relative_month between -6 and -1) as active_measures_before_sum,
        count(*) filter (where relative_month between 1 and 6) as child_months_after_n,
        sum(active_measures_n) filter (where relative_month between 1 and 6) as active_measures_after_sum
    from event_study_child_months
    group by enrolment_id

),

final as (

    select
        enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.program,
        enrolments.enrolment_start,
        coalesce(adults.n_adults, 0) as n_adults,
        coalesce(adults.adults_on_support_at_start_n, 0) as adults_on_support_at_start_n,
        coalesce(adults.adults_support_years_before_start_sum, 0) as adults_support_years_before_start_sum,
        coalesce(adults.adults_women_30_40_n, 0) as adults_women_30_40_n,
        coalesce(adults.adults_on_support_with_run_n, 0) as adults_on_support_with_run_n,
        coalesce(adults.adults_on_support_self_supporting_at_end_n, 0) as adults_on_support_self_supporting_at_end_n,
        coalesce(adults.adults_self_supporting_at_end_n, 0) as adults_self_supporting_at_end_n,
        coalesce(adults.adults_in_work_at_end_n, 0) as adults_in_work_at_end_n,
        coalesce(children.n_children, 0) as n_children,
        coalesce(children.children_open_case_at_start_n, 0) as children_open_case_at_start_n,
        coalesce(children.children_case_years_at_start_sum, 0) as children_case_years_at_start_sum,
        coalesce(children.children_open_case_at_end_n, 0) as children_open_case_at_end_n,
        coalesce(children.children_case_closed_n, 0) as children_case_closed_n,
        coalesce(screened_children.children_screened_n, 0) as children_screened_n,
        coalesce(screened_children.children_severe_moderate_first_n, 0) as children_severe_moderate_first_n,
        coalesce(screened_children.children_severe_moderate_last_n, 0) as children_severe_moderate_last_n,
        enrolment_costs.cost_year_before_dkk,
        enrolment_costs.cost_per_year_during_dkk,
        coalesce(youth.youth_observed_n, 0) as youth_observed_n,
        coalesce(youth.youth_charged_n, 0) as youth_charged_n,
        coalesce(child_measures_around_run.child_months_before_n, 0) as child_months_before_n,
        coalesce(child_measures_around_run.active_measures_before_sum, 0) as active_measures_before_sum,
        coalesce(child_measures_around_run.child_months_after_n, 0) as child_months_after_n,
        coalesce(child_measures_around_run.active_measures_after_sum, 0) as active_measures_after_sum
    from enrolments
    left join adults on enrolments.enrolment_id = adults.enrolment_id
    left join children on enrolments.enrolment_id = children.enrolment_id
    left join screened_children on enrolments.enrolment_id = screened_children.enrolment_id
    left join enrolment_costs on enrolments.enrolment_id = enrolment_costs.enrolment_id
    left join youth on enrolments.enrolment_id = youth.enrolment_id
    left join child_measures_around_run on enrolments.enrolment_id = child_measures_around_run.enrolment_id

)

select * from final
