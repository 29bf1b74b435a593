with matches as (

    select * from {{ ref('int_comparison_matches') }}

),

candidates as (

    select * from {{ ref('int_comparison_candidates') }}

),

enrolments as (

    select * from {{ ref('int_enrolments') }}

),

matched_members as (

    -- the comparison family's members at the match month are followed, as the enrolment's members are
    select
        matches.enrolment_id,
        matches.comparison_family_id,
        matches.kommunekode,
        matches.program,
        candidates.person_id,
        enrolments.enrolment_start,
        enrolments.enrolment_end
    from matches
    inner join enrolments on matches.enrolment_id = enrolments.enrolment_id
    inner join candidates
        on matches.kommunekode = candidates.kommunekode
        and matches.match_month = candidates.match_month
        and matches.comparison_family_id = candidates.family_id

),

year_before_start as (

    select
        enrolment_id || '|' || comparison_family_id || '|comparison_year_before_start' as period_id,
        'comparison_year_before_start' as period_kind,
        kommunekode,
        comparison_family_id as family_id,
        program,
        enrolment_id,
        cast(null as date) as month,
        person_id,
        cast(enrolment_start - interval 365 day as date) as period_start,
        cast(enrolment_start - interval 1 day as date) as period_end
    from matched_members

),

during_enrolment as (

    select
        enrolment_id || '|' || comparison_family_id || '|comparison_enrolment' as period_id,
        'comparison_enrolment' as period_kind,
        kommunekode,
        comparison_family_id as family_id,
        program,
        enrolment_id,
        cast(null as date) as month,
        person_id,
        enrolment_start as period_start,
        enrolment_end as period_end
    from matched_members

),

final as (

    select * from year_before_start
    union all
    select * from during_enrolment

)

select * from final
