with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

goals as (

    select * from {{ ref('stg_program__maal') }}

),

final as (

    select
        enrolments.enrolment_id,
        goals.goal_id,
        goals.person_id,
        goals.domain,
        goals.goal_status,
        goals.created_date,
        goals.status_date
    from enrolments
    inner join goals
        on enrolments.kommunekode = goals.kommunekode
        and enrolments.familie_ref = goals.familie_ref
        and goals.created_date between enrolments.enrolment_start and enrolments.enrolment_end

)

select * from final
