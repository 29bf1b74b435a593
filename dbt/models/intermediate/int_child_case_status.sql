with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

cases as (

    select * from {{ ref('stg_boern__sager') }}

),

children as (

    select * from enrolment_members
    where is_child

),

{% for moment in ['start', 'end'] %}
open_at_{{ moment }} as (

    select
        children.enrolment_id,
        children.person_id,
        min(cases.opened_date) as earliest_opened_date
    from children
    inner join cases
        on children.kommunekode = cases.kommunekode
        and children.person_id = cases.child_id
        and children.enrolment_{{ moment }} >= cases.opened_date
        and (cases.closed_date is null or children.enrolment_{{ moment }} < cases.closed_date)
    group by children.enrolment_id, children.person_id

),
{% endfor %}

final as (

    select
        children.enrolment_id,
        children.person_id,
        children.enrolment_start,
        children.enrolment_end,
        open_at_start.person_id is not null as has_open_case_at_start,
        open_at_start.earliest_opened_date as open_case_opened_date,
        date_diff('day', open_at_start.earliest_opened_date, children.enrolment_start) / 365.25 as case_years_at_start,
        open_at_end.person_id is not null as has_open_case_at_end,
        open_at_start.person_id is not null and open_at_end.person_id is null as is_case_closed_by_end
    from children
    left join open_at_start
        on children.enrolment_id = open_at_start.enrolment_id
        and children.person_id = open_at_start.person_id
    left join open_at_end
        on children.enrolment_id = open_at_end.enrolment_id
        and children.person_id = open_at_end.person_id

)

select * from final
