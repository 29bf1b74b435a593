with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

self_supporting_weeks as (

    select * from {{ ref('int_self_supporting_weeks') }}
    where is_self_supporting

),

enrolment_weeks as (

    select
        enrolment_members.enrolment_id,
        enrolment_members.person_id,
        self_supporting_weeks.week_start
    from enrolment_members
    inner join self_supporting_weeks
        on enrolment_members.kommunekode = self_supporting_weeks.kommunekode
        and enrolment_members.family_id = self_supporting_weeks.family_id
        and enrolment_members.program = self_supporting_weeks.program
        and enrolment_members.person_id = self_supporting_weeks.person_id
        and self_supporting_weeks.week_start
        between {{ iso_week_start('enrolment_members.enrolment_start') }}
        and {{ iso_week_start('enrolment_members.enrolment_end') }}
    where enrolment_members.is_adult

),

with_run_key as (

    select
        *,
        -- consecutive weeks share the same week number minus row number
        date_diff('day', date '2000-01-03', week_start) // 7
        - row_number() over (partition by enrolment_id, person_id order by week_start) as run_key
    from enrolment_weeks

),

final as (

    select
        enrolment_id,
        person_id,
        min(week_start) as first_week_start,
        max(week_start) as last_week_start,
        count(*) as weeks_self_supporting
    from with_run_key
    group by enrolment_id, person_id, run_key
    having count(*) >= {{ var('self_supporting_run_min_weeks') }}

)

select * from final
