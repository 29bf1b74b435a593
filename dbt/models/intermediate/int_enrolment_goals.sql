with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

goals as (

    select * from {{ ref('stg_program__maal') }}

),

final as (

    select
        enrolments.enrolment_id,
        count(goals.goal_id) as goals_n,
        count(goals.goal_id) filter (where goals.goal_status = 'NAAET') as goals_reached_n
    from enrolments
    left join goals
        on enrolments.kommunekode = goals.kommunekode
        and enrolments.familie_ref = goals.familie_ref
        and goals.created_date between enrolments.enrolment_start and enrolments.enrolment_end
    group by enrolments.enrolment_id

)

select * from final
