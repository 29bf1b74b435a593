with memberships as (

    select * from {{ ref('int_family_membership') }}

),

persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

support_weeks as (

    select * from {{ ref('int_support_weeks') }}

),

su_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}
    where benefit_code = 'SU'

),

adult_members as (

    select
        *,
        max(member_to) over (partition by kommunekode, family_id, program) as family_window_end
    from memberships
    qualify role = 'VOKSEN'

),

member_weeks as (

    select
        kommunekode,
        family_id,
        program,
        person_id,
        birth_date,
        cast(unnest(generate_series(
            {{ iso_week_start('member_from') }}, {{ iso_week_start('last_day(family_window_end)') }}, interval 7 day
        )) as date) as week_start
    from adult_members

),

su_weeks as (

    select distinct
        member_weeks.kommunekode,
        member_weeks.person_id,
        member_weeks.week_start
    from member_weeks
    inner join su_spells
        on member_weeks.kommunekode = su_spells.kommunekode
        and member_weeks.person_id = su_spells.person_id
        and su_spells.valid_from <= member_weeks.week_start + 6
        and coalesce(su_spells.valid_to, su_spells.extract_date) >= member_weeks.week_start

),

flagged as (

    select
        member_weeks.kommunekode,
        member_weeks.family_id,
        member_weeks.program,
        member_weeks.person_id,
        member_weeks.week_start,
        {{ age_in_years('member_weeks.birth_date', 'member_weeks.week_start') }} as age_years,
        -- resident on every day of the week; moving out or dying ends residence on that day
        coalesce(
            coalesce(persons.moved_in_date, persons.birth_date) <= member_weeks.week_start
            and coalesce(least(persons.moved_out_date, persons.death_date), date '9999-12-31')
            > member_weeks.week_start + 6,
            false
        ) as is_resident,
        support_weeks.week_start is not null as is_on_support,
        su_weeks.week_start is not null as is_on_su
    from member_weeks
    left join persons
        on member_weeks.kommunekode = persons.kommunekode
        and member_weeks.person_id = persons.person_id
    left join support_weeks
        on member_weeks.kommunekode = support_weeks.kommunekode
        and member_weeks.person_id = support_weeks.person_id
        and member_weeks.week_start = support_weeks.week_start
    left join su_weeks
        on member_weeks.kommunekode = su_weeks.kommunekode
        and member_weeks.person_id = su_weeks.person_id
        and member_weeks.week_start = su_weeks.week_start

),

final as (

    select
        *,
        coalesce(is_resident and age_years between 18 and 64 and not is_on_support, false) as is_self_supporting
    from flagged

)

select * from final
