with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

screenings as (

    select * from {{ ref('stg_program__screeninger') }}

),

screening_days as (

    select
        enrolment_members.enrolment_id,
        enrolment_members.person_id,
        screenings.screening_date,
        min(screenings.score) as lowest_score
    from enrolment_members
    inner join screenings
        on enrolment_members.kommunekode = screenings.kommunekode
        and enrolment_members.person_id = screenings.person_id
        and screenings.screening_date between enrolment_members.enrolment_start and enrolment_members.enrolment_end
    where enrolment_members.is_child
    group by enrolment_members.enrolment_id, enrolment_members.person_id, screenings.screening_date

),

final as (

    select
        enrolment_id,
        person_id,
        count(*) as n_screenings,
        min(screening_date) as first_screening_date,
        max(screening_date) as last_screening_date,
        arg_min(lowest_score, screening_date) as lowest_score_first,
        arg_max(lowest_score, screening_date) as lowest_score_last,
        arg_min(lowest_score, screening_date) <= 2 as is_severe_moderate_first,
        arg_max(lowest_score, screening_date) <= 2 as is_severe_moderate_last
    from screening_days
    group by enrolment_id, person_id

)

select * from final
