with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

adult_outcomes as (

    select * from {{ ref('int_adult_outcomes') }}

),

runs as (

    select * from {{ ref('int_self_supporting_runs') }}

),

-- only adults on support in the start week: their run begins inside the enrolment, so they become
-- self-supporting during it (an adult self-supporting at the start was so before it)
first_runs as (

    select
        runs.enrolment_id,
        min(runs.first_week_start) as first_week_start
    from runs
    inner join adult_outcomes
        on runs.enrolment_id = adult_outcomes.enrolment_id
        and runs.person_id = adult_outcomes.person_id
    where adult_outcomes.is_on_support_at_start
    group by runs.enrolment_id

),

final as (

    select
        enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.program,
        enrolments.enrolment_start,
        enrolments.enrolment_end,
        first_runs.first_week_start,
        cast(date_trunc('month', first_runs.first_week_start) as date) as event_month
    from first_runs
    inner join enrolments on first_runs.enrolment_id = enrolments.enrolment_id

)

select * from final
