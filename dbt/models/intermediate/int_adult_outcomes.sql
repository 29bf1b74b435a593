with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

support_weeks as (

    select * from {{ ref('int_support_weeks') }}

),

support_periods as (

    select * from {{ ref('int_support_periods') }}

),

self_supporting_weeks as (

    select * from {{ ref('int_self_supporting_weeks') }}

),

runs as (

    select distinct
        enrolment_id,
        person_id
    from {{ ref('int_self_supporting_runs') }}

),

adults as (

    select
        *,
        {{ iso_week_start('enrolment_start') }} as start_week,
        {{ iso_week_start('enrolment_end') }} as end_week
    from enrolment_members
    where is_adult

),

final as (

    select
        adults.enrolment_id,
        adults.person_id,
        support_weeks.week_start is not null as is_on_support_at_start,
        case
            when support_weeks.week_start is not null then
                (date_diff('day', support_periods.first_week_start, adults.start_week) // 7 + 1)
                / {{ var('weeks_per_year') }}
        end as support_years_before_start,
        coalesce(adults.sex = 'K' and adults.age_at_start between 30 and 40, false) as is_woman_30_40,
        runs.person_id is not null as has_self_supporting_run,
        coalesce(end_week.is_self_supporting, false) as is_self_supporting_at_end,
        coalesce(end_week.is_self_supporting and not end_week.is_on_su, false) as is_in_work_at_end
    from adults
    left join support_weeks
        on adults.kommunekode = support_weeks.kommunekode
        and adults.person_id = support_weeks.person_id
        and adults.start_week = support_weeks.week_start
    left join support_periods
        on adults.kommunekode = support_periods.kommunekode
        and adults.person_id = support_periods.person_id
        and adults.start_week between support_periods.first_week_start and support_periods.last_week_start
    left join runs
        on adults.enrolment_id = runs.enrolment_id
        and adults.person_id = runs.person_id
    left join self_supporting_weeks as end_week
        on adults.kommunekode = end_week.kommunekode
        and adults.family_id = end_week.family_id
        and adults.program = end_week.program
        and adults.person_id = end_week.person_id
        and adults.end_week = end_week.week_start

)

select * from final
