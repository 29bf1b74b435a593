with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

enrolment_goals as (

    select * from {{ ref('int_enrolment_goals') }}

),

final as (

    select
        enrolments.kommunekode,
        enrolments.family_id,
        enrolments.program,
        enrolments.enrolment_start,
        enrolment_goals.goal_id,
        enrolment_goals.person_id,
        enrolment_goals.domain,
        enrolment_goals.goal_status,
        enrolment_goals.created_date,
        enrolment_goals.status_date
    from enrolment_goals
    inner join enrolments on enrolment_goals.enrolment_id = enrolments.enrolment_id

)

select * from final
