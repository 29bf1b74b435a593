with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

family_months as (

    select * from {{ ref('int_family_months') }}

),

memberships as (

    select * from {{ ref('int_family_membership') }}

),

comparison_members as (

    select * from {{ ref('int_comparison_members') }}

),

-- the enrolled members and the members of the enrolment's comparison families, followed over the same windows
followed_members as (

    select
        enrolment_id || '|' as period_id_prefix,
        '' as period_kind_prefix,
        kommunekode,
        family_id,
        program,
        enrolment_id,
        person_id,
        enrolment_start,
        enrolment_end
    from enrolment_members
    union all
    select
        enrolment_id || '|' || comparison_family_id || '|' as period_id_prefix,
        'comparison_' as period_kind_prefix,
        kommunekode,
        comparison_family_id as family_id,
        program,
        enrolment_id,
        person_id,
        enrolment_start,
        enrolment_end
    from comparison_members

),

year_before_start as (

    select
        period_id_prefix || period_kind_prefix || 'year_before_start' as period_id,
        period_kind_prefix || 'year_before_start' as period_kind,
        kommunekode,
        family_id,
        program,
        enrolment_id,
        cast(null as date) as month,
        person_id,
        cast(enrolment_start - interval 365 day as date) as period_start,
        cast(enrolment_start - interval 1 day as date) as period_end
    from followed_members

),

during_enrolment as (

    select
        period_id_prefix || period_kind_prefix || 'enrolment' as period_id,
        period_kind_prefix || 'enrolment' as period_kind,
        kommunekode,
        family_id,
        program,
        enrolment_id,
        cast(null as date) as month,
        person_id,
        enrolment_start as period_start,
        enrolment_end as period_end
    from followed_members

),

months as (

    select
        family_months.family_id || '|' || family_months.program || '|'
        || strftime(family_months.month, '%Y-%m') as period_id,
        'month' as period_kind,
        family_months.kommunekode,
        family_months.family_id,
        family_months.program,
        cast(null as varchar) as enrolment_id,
        family_months.month,
        memberships.person_id,
        family_months.month as period_start,
        family_months.status_date as period_end
    from family_months
    inner join memberships
        on family_months.kommunekode = memberships.kommunekode
        and family_months.family_id = memberships.family_id
        and family_months.program = memberships.program
        and family_months.status_date >= memberships.member_from
        and family_months.month <= memberships.member_to

),

final as (

    select * from year_before_start
    union all
    select * from during_enrolment
    union all
    select * from months

)

select * from final
