with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

candidates as (

    select * from {{ ref('int_comparison_candidates') }}

),

persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

enrolled as (

    select
        'enrolment' as unit_kind,
        enrolment_id as unit_id,
        kommunekode,
        program,
        cast(date_trunc('month', enrolment_start) as date) as match_month,
        person_id,
        is_adult,
        is_child
    from enrolment_members

),

comparison as (

    select
        'comparison_family' as unit_kind,
        candidates.family_id as unit_id,
        candidates.kommunekode,
        cast(null as varchar) as program,
        candidates.match_month,
        candidates.person_id,
        candidates.role <> 'child'
        and coalesce({{ age_in_years('persons.birth_date', 'candidates.match_month') }} between 18 and 64, false)
            as is_adult,
        candidates.role = 'child' as is_child
    from candidates
    left join persons
        on candidates.kommunekode = persons.kommunekode
        and candidates.person_id = persons.person_id

),

final as (

    select * from enrolled
    union all
    select * from comparison

)

select * from final
