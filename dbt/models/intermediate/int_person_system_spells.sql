with jobcenter_cases as (

    select * from {{ ref('stg_jobcenter__sager') }}

),

benefit_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

child_cases as (

    select * from {{ ref('stg_boern__sager') }}

),

child_measures as (

    select * from {{ ref('stg_boern__indsatser') }}

),

adult_measures as (

    select * from {{ ref('stg_voksen__indsatser') }}

),

assessments as (

    select * from {{ ref('stg_voksen__vum') }}

),

police_events as (

    select * from {{ ref('stg_politi__haendelser') }}

),

-- Every source spell, its open end at its snapshot's extract date, nothing after that date.
source_spells as (

    select
        kommunekode,
        person_id,
        'jobcenter' as system,  -- noqa: RF04
        valid_from as start_date,
        least(coalesce(valid_to, extract_date), extract_date) as end_date
    from jobcenter_cases

    union all

    select
        benefit_spells.kommunekode,
        benefit_spells.person_id,
        'jobcenter' as system,  -- noqa: RF04
        benefit_spells.valid_from as start_date,
        least(coalesce(benefit_spells.valid_to, benefit_spells.extract_date), benefit_spells.extract_date)
            as end_date
    from benefit_spells
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where benefit_types.is_public_income_support

    union all

    -- a child case is open from aabnet up to the day before lukket (as in int_child_case_status)
    select
        kommunekode,
        child_id as person_id,
        'child' as system,  -- noqa: RF04
        opened_date as start_date,
        least(coalesce(closed_date - 1, extract_date), extract_date) as end_date
    from child_cases

    union all

    select
        kommunekode,
        child_id as person_id,
        'child' as system,  -- noqa: RF04
        start_date,
        least(coalesce(end_date, extract_date), extract_date) as end_date
    from child_measures

    union all

    select
        kommunekode,
        person_id,
        'adult' as system,  -- noqa: RF04
        start_date,
        least(coalesce(end_date, extract_date), extract_date) as end_date
    from adult_measures

    union all

    select
        kommunekode,
        person_id,
        'adult' as system,  -- noqa: RF04
        assessment_date as start_date,
        least(assessment_date + {{ var('system_event_days', 365) }} - 1, extract_date) as end_date
    from assessments

    union all

    select
        kommunekode,
        person_id,
        'police' as system,  -- noqa: RF04
        event_date as start_date,
        least(event_date + {{ var('system_event_days', 365) }} - 1, extract_date) as end_date
    from police_events

),

valid_spells as (

    select * from source_spells
    where start_date <= end_date

),

numbered as (

    {{ spell_groups('valid_spells', 'kommunekode, person_id, system') }}

),

final as (

    select
        kommunekode,
        person_id,
        system,
        min(start_date) as valid_from,
        max(end_date) as valid_to
    from numbered
    group by kommunekode, person_id, system, spell_group

)

select * from final
