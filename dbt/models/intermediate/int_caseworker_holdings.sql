with jobcenter_cases as (

    select * from {{ ref('stg_jobcenter__sager') }}

),

child_cases as (

    select * from {{ ref('stg_boern__sager') }}

),

adult_measures as (

    select * from {{ ref('stg_voksen__indsatser') }}

),

members as (

    select * from {{ ref('stg_program__deltagelse') }}

),

enrolments as (

    select * from {{ ref('int_enrolments') }}

),

holdings as (

    -- the person's job-centre case, held by one caseworker per spell
    select
        kommunekode,
        caseworker_id,
        'jobcenter' as system,  -- noqa: RF04
        person_id as case_key,
        person_id,
        valid_from,
        least(coalesce(valid_to, extract_date), extract_date) as valid_to
    from jobcenter_cases

    union all

    -- open from aabnet up to the day before lukket, as in int_child_case_status
    select
        kommunekode,
        caseworker_id,
        'child' as system,  -- noqa: RF04
        case_id as case_key,
        child_id as person_id,
        opened_date as valid_from,
        least(coalesce(closed_date - 1, extract_date), extract_date) as valid_to
    from child_cases
    where caseworker_id is not null

    union all

    select
        kommunekode,
        caseworker_id,
        'adult' as system,  -- noqa: RF04
        measure_id as case_key,
        person_id,
        start_date as valid_from,
        least(coalesce(end_date, extract_date), extract_date) as valid_to
    from adult_measures
    where caseworker_id is not null

    union all

    -- an enrolment is one case, held by the casemanager of each member row while the row runs
    select
        members.kommunekode,
        members.casemanager_id as caseworker_id,
        'programme' as system,  -- noqa: RF04
        enrolments.enrolment_id as case_key,
        members.person_id,
        members.start_date as valid_from,
        least(coalesce(members.end_date, members.extract_date), members.extract_date) as valid_to
    from members
    inner join enrolments
        on members.kommunekode = enrolments.kommunekode
        and members.familie_ref = enrolments.familie_ref
        and members.program = enrolments.program
        and members.start_date between enrolments.enrolment_start and enrolments.enrolment_end
    where members.casemanager_id is not null

),

final as (

    select * from holdings
    where valid_from <= valid_to

)

select * from final
