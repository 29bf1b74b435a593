with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

enrolment_outcomes as (

    select * from {{ ref('int_enrolment_outcomes') }}

),

enrolment_goals as (

    select * from {{ ref('int_enrolment_goals') }}

),

enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}

),

goal_counts as (

    select
        enrolments.enrolment_id,
        count(enrolment_goals.goal_id) as goals_n,
        count(enrolment_goals.goal_id) filter (where enrolment_goals.goal_status = 'AABEN') as goals_open_n,
        count(enrolment_goals.goal_id) filter (
            where enrolment_goals.goal_status = 'DELVIST_NAAET'
        ) as goals_partly_reached_n,
        count(enrolment_goals.goal_id) filter (where enrolment_goals.goal_status = 'NAAET') as goals_reached_n,
        count(enrolment_goals.goal_id) filter (where enrolment_goals.goal_status = 'OPGIVET') as goals_given_up_n
    from enrolments
    left join enrolment_goals on enrolments.enrolment_id = enrolment_goals.enrolment_id
    group by enrolments.enrolment_id

),

measures_at_end as (

    select
        enrolment_members.enrolment_id,
        count(*) as active_measures_at_end_n,
        count(distinct enrolment_members.person_id) filter (
            where measure_spells.is_placement and enrolment_members.is_child
        ) as children_placed_at_end_n
    from enrolment_members
    inner join measure_spells
        on enrolment_members.kommunekode = measure_spells.kommunekode
        and enrolment_members.person_id = measure_spells.person_id
        and enrolment_members.enrolment_end between measure_spells.start_date and measure_spells.end_date
    group by enrolment_members.enrolment_id

),

final as (

    select
        enrolments.kommunekode,
        enrolments.family_id,
        enrolments.familie_ref,
        enrolments.program,
        enrolments.enrolment_start,
        enrolments.enrolment_end,
        enrolments.is_open,
        enrolments.casemanager_id,
        enrolment_outcomes.n_adults,
        enrolment_outcomes.n_children,
        enrolment_outcomes.adults_on_support_at_start_n,
        enrolment_outcomes.adults_self_supporting_at_end_n,
        enrolment_outcomes.children_open_case_at_start_n,
        enrolment_outcomes.children_open_case_at_end_n,
        coalesce(measures_at_end.active_measures_at_end_n, 0) as active_measures_at_end_n,
        coalesce(measures_at_end.children_placed_at_end_n, 0) as children_placed_at_end_n,
        goal_counts.goals_n,
        goal_counts.goals_open_n,
        goal_counts.goals_partly_reached_n,
        goal_counts.goals_reached_n,
        goal_counts.goals_given_up_n,
        cast(enrolment_outcomes.cost_year_before_dkk as decimal(18, 2)) as cost_year_before_dkk,
        cast(enrolment_outcomes.cost_per_year_during_dkk as decimal(18, 2)) as cost_per_year_during_dkk
    from enrolments
    inner join enrolment_outcomes on enrolments.enrolment_id = enrolment_outcomes.enrolment_id
    inner join goal_counts on enrolments.enrolment_id = goal_counts.enrolment_id
    left join measures_at_end on enrolments.enrolment_id = measures_at_end.enrolment_id

)

select * from final
