with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

members as (

    select * from {{ ref('int_enrolment_members') }}

),

support_spells as (

    select * from {{ ref('support_spells') }}

),

measure_spells as (

    select * from {{ ref('measure_spells') }}

),

child_cases as (

    select * from {{ ref('stg_boern__sager') }}

),

screenings as (

    select * from {{ ref('stg_program__screeninger') }}

),

who5 as (

    select * from {{ ref('stg_program__who5') }}

),

member_windows as (

    select
        members.enrolment_id,
        members.kommunekode,
        members.person_id,
        members.role as member_role,
        members.enrolment_end,
        cast(members.enrolment_start - interval 12 month as date) as window_start
    from members

),

support_events as (

    select
        member_windows.enrolment_id,
        member_windows.person_id,
        member_windows.member_role,
        'support' as event_kind,
        cast(support_spells.spell_number as varchar) as event_id,
        support_spells.benefits as event_code,
        support_spells.spell_start as start_date,
        support_spells.spell_end as end_date,
        cast(null as bigint) as score
    from member_windows
    inner join support_spells
        on member_windows.kommunekode = support_spells.kommunekode
        and member_windows.person_id = support_spells.person_id
        and member_windows.enrolment_end >= support_spells.spell_start
        and member_windows.window_start <= support_spells.spell_end

),

case_events as (

    select
        member_windows.enrolment_id,
        member_windows.person_id,
        member_windows.member_role,
        'child_case' as event_kind,
        child_cases.case_id as event_id,
        cast(null as varchar) as event_code,
        child_cases.opened_date as start_date,
        cast(child_cases.closed_date - 1 as date) as end_date,
        cast(null as bigint) as score
    from member_windows
    inner join child_cases
        on member_windows.kommunekode = child_cases.kommunekode
        and member_windows.person_id = child_cases.child_id
        and member_windows.enrolment_end >= child_cases.opened_date
        and member_windows.window_start < coalesce(child_cases.closed_date, member_windows.enrolment_end)

),

measure_events as (

    select
        member_windows.enrolment_id,
        member_windows.person_id,
        member_windows.member_role,
        'measure' as event_kind,
        measure_spells.measure_kind || '-' || measure_spells.measure_id as event_id,
        measure_spells.measure_code as event_code,
        measure_spells.start_date,
        measure_spells.end_date,
        cast(null as bigint) as score
    from member_windows
    inner join measure_spells
        on member_windows.kommunekode = measure_spells.kommunekode
        and member_windows.person_id = measure_spells.person_id
        and member_windows.enrolment_end >= measure_spells.start_date
        and member_windows.window_start <= measure_spells.end_date

),

screening_events as (

    select
        member_windows.enrolment_id,
        member_windows.person_id,
        member_windows.member_role,
        'screening' as event_kind,
        screenings.domain || '-' || strftime(screenings.screening_date, '%Y-%m-%d') as event_id,
        screenings.domain as event_code,
        screenings.screening_date as start_date,
        screenings.screening_date as end_date,
        min(screenings.score) as score
    from member_windows
    inner join screenings
        on member_windows.kommunekode = screenings.kommunekode
        and member_windows.person_id = screenings.person_id
        and screenings.screening_date between member_windows.window_start and member_windows.enrolment_end
    group by all

),

who5_events as (

    select
        member_windows.enrolment_id,
        member_windows.person_id,
        member_windows.member_role,
        'who5' as event_kind,
        strftime(who5.assessment_date, '%Y-%m-%d') as event_id,
        cast(null as varchar) as event_code,
        who5.assessment_date as start_date,
        who5.assessment_date as end_date,
        min(who5.who5_score) as score
    from member_windows
    inner join who5
        on member_windows.kommunekode = who5.kommunekode
        and member_windows.person_id = who5.person_id
        and who5.assessment_date between member_windows.window_start and member_windows.enrolment_end
    group by all

),

events as (

    select * from support_events
    union all
    select * from case_events
    union all
    select * from measure_events
    union all
    select * from screening_events
    union all
    select * from who5_events

),

final as (

    select
        enrolments.kommunekode,
        enrolments.family_id,
        enrolments.program,
        enrolments.enrolment_start,
        events.person_id,
        events.member_role,
        events.event_kind,
        events.event_id,
        events.event_code,
        events.start_date,
        events.end_date,
        events.score
    from events
    inner join enrolments on events.enrolment_id = enrolments.enrolment_id

)

select * from final
