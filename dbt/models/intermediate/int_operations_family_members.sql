-- TODO(lead, after merging h-families): replace the body of this model by a select of
-- kommunekode, family_id, person_id, role, valid_from, valid_to from ref('family_members'), so that
-- the operations indicators count the population's families. Until then, a family is an enrolment:
-- its members from their first to their last member day, VOKSEN as 'parent', BARN as 'child'.
with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

final as (

    select
        kommunekode,
        enrolment_id as family_id,
        person_id,
        case role when 'VOKSEN' then 'parent' when 'BARN' then 'child' end as role,
        member_start as valid_from,
        member_end as valid_to
    from enrolment_members

)

select * from final
