with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

police_events as (

    select * from {{ ref('stg_politi__haendelser') }}

),

-- An optional source that is not delivered leaves its raw table empty for the municipality (the loader
-- creates every raw table), so a municipality has a politi source when it has police rows.
politi_municipalities as (

    select distinct kommunekode
    from police_events

),

charges as (

    select * from police_events
    where event_type = 'SIGTELSE'

),

youth as (

    select * from enrolment_members
    where age_at_start between 15 and 30

),

charged as (

    select distinct
        youth.enrolment_id,
        youth.person_id
    from youth
    inner join charges
        on youth.kommunekode = charges.kommunekode
        and youth.person_id = charges.person_id
        and charges.event_date between youth.enrolment_start and youth.enrolment_end

),

final as (

    select
        youth.enrolment_id,
        youth.kommunekode,
        youth.person_id,
        youth.age_at_start,
        politi_municipalities.kommunekode is not null as has_politi_source,
        case when politi_municipalities.kommunekode is not null then charged.person_id is not null end
            as is_charged
    from youth
    left join politi_municipalities on youth.kommunekode = politi_municipalities.kommunekode
    left join charged
        on youth.enrolment_id = charged.enrolment_id
        and youth.person_id = charged.person_id

)

select * from final
