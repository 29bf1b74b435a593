with matches as (

    select * from {{ ref('int_comparison_matches') }}

),

candidates as (

    select * from {{ ref('int_comparison_candidates') }}

),

enrolments as (

    select * from {{ ref('int_enrolments') }}

),

final as (

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

)

select * from final
