with members as (

    select * from {{ ref('stg_program__deltagelse') }}

),

enrolments as (

    select * from {{ ref('int_enrolments') }}

),

persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

member_enrolments as (

    select
        enrolments.enrolment_id,
        members.person_id,
        arg_min(members.role, members.start_date) as role,
        min(members.start_date) as member_start,
        least(max(coalesce(members.end_date, enrolments.extract_date)), enrolments.extract_date) as member_end
    from members
    inner join enrolments
        on members.kommunekode = enrolments.kommunekode
        and members.familie_ref = enrolments.familie_ref
        and members.program = enrolments.program
        and members.start_date between enrolments.enrolment_start and enrolments.enrolment_end
    group by enrolments.enrolment_id, members.person_id, enrolments.extract_date

),

final as (

    select
        member_enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.family_id,
        enrolments.program,
        enrolments.enrolment_start,
        enrolments.enrolment_end,
        member_enrolments.person_id,
        member_enrolments.role,
        member_enrolments.member_start,
        member_enrolments.member_end,
        persons.sex,
        persons.birth_date,
        {{ age_in_years('persons.birth_date', 'enrolments.enrolment_start') }} as age_at_start,
        coalesce(
            member_enrolments.role = 'VOKSEN'
            and {{ age_in_years('persons.birth_date', 'enrolments.enrolment_start') }} between 18 and 64,
            false
        ) as is_adult,
        member_enrolments.role = 'BARN' as is_child
    from member_enrolments
    inner join enrolments on member_enrolments.enrolment_id = enrolments.enrolment_id
    left join persons
        on enrolments.kommunekode = persons.kommunekode
        and member_enrolments.person_id = persons.person_id

)

select * from final
