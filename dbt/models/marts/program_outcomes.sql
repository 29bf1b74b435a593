with enrolment_outcomes as (

    select * from {{ ref('int_enrolment_outcomes') }}

),

program_savings as (

    select * from {{ ref('int_program_savings') }}

),

cohorts as (

    select
        'ALL' as cohort,
        *
    from enrolment_outcomes
    union all
    select
        cast(year(enrolment_start) as varchar) as cohort,
        *
    from enrolment_outcomes

),

totals as (

    select
        kommunekode,
        program,
        cohort,
        count(*) as n_families,
        count(*) filter (where n_adults = 1) as families_single_adult_n,
        sum(n_adults) as n_adults,
        sum(n_children) as n_children,
        sum(adults_on_support_at_start_n) as adults_on_support_at_start_n,
        -- doubles summed as decimals: an exact sum, the same whatever order the rows are added in
        sum(cast(adults_support_years_before_start_sum as decimal(38, 10))) as adults_support_years_before_start_sum,
        sum(adults_women_30_40_n) as adults_women_30_40_n,
        sum(adults_on_support_with_run_n) as adults_on_support_with_run_n,
        sum(adults_on_support_self_supporting_at_end_n) as adults_on_support_self_supporting_at_end_n,
        sum(adults_in_work_at_end_n) as adults_in_work_at_end_n,
        sum(children_open_case_at_start_n) as children_open_case_at_start_n,
        sum(cast(children_case_years_at_start_sum as decimal(38, 10))) as children_case_years_at_start_sum,
        sum(children_case_closed_n) as children_case_closed_n,
        sum(children_screened_n) as children_screened_n,
        sum(children_severe_moderate_first_n) as children_severe_moderate_first_n,
        sum(children_severe_moderate_last_n) as children_severe_moderate_last_n,
        sum(cost_year_before_dkk) as cost_year_before_sum,
        sum(cost_per_year_during_dkk) as cost_per_year_during_sum,
        sum(youth_observed_n) as youth_observed_n,
        sum(youth_charged_n) as youth_charged_n,
        sum(child_months_before_n) as child_months_before_n,
        sum(active_measures_before_sum) as active_measures_before_sum,
        sum(child_months_after_n) as child_months_after_n,
        sum(active_measures_after_sum) as active_measures_after_sum
    from cohorts
    group by kommunekode, program, cohort

),

outcomes as (

    select
        kommunekode,
        program,
        cohort,
        n_families,
        cast(n_adults as bigint) as n_adults,
        cast(n_children as bigint) as n_children,
        {{ pct('adults_on_support_at_start_n', 'n_adults') }} as adults_on_support_at_start_pct,
        cast(n_adults as bigint) as adults_on_support_at_start_pct_denominator,
        case
            when adults_on_support_at_start_n > 0
                then adults_support_years_before_start_sum / adults_on_support_at_start_n
        end as adults_support_years_before_start_avg,
        cast(adults_on_support_at_start_n as bigint) as adults_support_years_before_start_avg_denominator,
        {{ pct('adults_women_30_40_n', 'n_adults') }} as adults_women_30_40_pct,
        cast(n_adults as bigint) as adults_women_30_40_pct_denominator,
        {{ pct('families_single_adult_n', 'n_families') }} as families_single_adult_pct,
        n_families as families_single_adult_pct_denominator,
        {{ pct('children_open_case_at_start_n', 'n_children') }} as children_open_case_at_start_pct,
        cast(n_children as bigint) as children_open_case_at_start_pct_denominator,
        case
            when children_open_case_at_start_n > 0
                then children_case_years_at_start_sum / children_open_case_at_start_n
        end as children_case_years_at_start_avg,
        cast(children_open_case_at_start_n as bigint) as children_case_years_at_start_avg_denominator,
        {{ pct('adults_on_support_with_run_n', 'adults_on_support_at_start_n') }} as adults_self_supporting_run_pct,
        cast(adults_on_support_at_start_n as bigint) as adults_self_supporting_run_pct_denominator,
        {{ pct('adults_on_support_self_supporting_at_end_n', 'adults_on_support_at_start_n') }}
            as adults_self_supporting_at_end_pct,
        cast(adults_on_support_at_start_n as bigint) as adults_self_supporting_at_end_pct_denominator,
        {{ pct('children_case_closed_n', 'children_open_case_at_start_n') }} as children_case_closed_pct,
        cast(children_open_case_at_start_n as bigint) as children_case_closed_pct_denominator,
        {{ pct('children_severe_moderate_first_n', 'children_screened_n') }} as children_severe_moderate_first_pct,
        cast(children_screened_n as bigint) as children_severe_moderate_first_pct_denominator,
        {{ pct('children_severe_moderate_last_n', 'children_screened_n') }} as children_severe_moderate_last_pct,
        cast(children_screened_n as bigint) as children_severe_moderate_last_pct_denominator,
        -- exact decimal sums over enrolments, divided and rounded to øre at once
        cast(cost_year_before_sum / n_families as decimal(18, 2)) as cost_per_family_year_before_dkk,
        n_families as cost_per_family_year_before_dkk_denominator,
        cast(cost_per_year_during_sum / n_families as decimal(18, 2)) as cost_per_family_year_during_dkk,
        n_families as cost_per_family_year_during_dkk_denominator,
        cast(adults_in_work_at_end_n as bigint) as adults_in_work_at_end_n,
        {{ pct('youth_charged_n', 'youth_observed_n') }} as youth_charged_pct,
        cast(youth_observed_n as bigint) as youth_charged_pct_denominator,
        case
            when child_months_before_n > 0 then 1.0 * active_measures_before_sum / child_months_before_n
        end as measures_per_child_month_before,
        cast(child_months_before_n as bigint) as measures_per_child_month_before_denominator,
        case
            when child_months_after_n > 0 then 1.0 * active_measures_after_sum / child_months_after_n
        end as measures_per_child_month_after,
        cast(child_months_after_n as bigint) as measures_per_child_month_after_denominator
    from totals

),

final as (

    select
        outcomes.*,
        program_savings.cost_saving_dkk,
        program_savings.cost_saving_dkk_ci_low,
        program_savings.cost_saving_dkk_ci_high,
        program_savings.cost_saving_net_dkk,
        program_savings.cost_saving_naive_dkk,
        coalesce(program_savings.enrolments_matched_n, 0) as cost_saving_dkk_denominator,
        coalesce(program_savings.comparison_families_n, 0) as comparison_families_n,
        program_savings.saving_method
    from outcomes
    left join program_savings
        on outcomes.kommunekode = program_savings.kommunekode
        and outcomes.program = program_savings.program
        and outcomes.cohort = program_savings.cohort

)

select * from final
