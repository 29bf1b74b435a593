with starts as (

    select * from {{ ref('int_enrolment_self_supporting_starts') }}

),

enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

enrolments as (

    select * from {{ ref('int_enrolments') }}

),

measure_spells as (

    select * from {{ ref('int_measure_spells') }}
    where measure_kind = 'child'

),

relative_months as (

    select cast(unnest(generate_series(-6, 6)) as integer) as relative_month

),

candidate_months as (

    select
        starts.enrolment_id,
        starts.kommunekode,
        starts.program,
        starts.enrolment_start,
        enrolment_members.person_id,
        relative_months.relative_month,
        cast(starts.event_month + relative_months.relative_month * interval 1 month as date) as month,
        enrolments.extract_date
    from starts
    inner join enrolments on starts.enrolment_id = enrolments.enrolment_id
    inner join enrolment_members
        on starts.enrolment_id = enrolment_members.enrolment_id
        and enrolment_members.is_child
    cross join relative_months

),

dated_months as (

    select
        *,
        least(last_day(month), extract_date) as status_date
    from candidate_months
    where month <= extract_date

),

-- a child-month: a month up to the programme snapshot's extract date in which the child is resident
-- on the status date (the month's last day, or the extract date in the month running on it)
child_months as (

    select dated_months.*
    from dated_months
    inner join persons
        on dated_months.kommunekode = persons.kommunekode
        and dated_months.person_id = persons.person_id
    where
        coalesce(persons.moved_in_date, persons.birth_date) <= dated_months.status_date
        and coalesce(least(persons.moved_out_date, persons.death_date), date '9999-12-31') > dated_months.status_date

),

final as (

    select
        child_months.enrolment_id,
        child_months.kommunekode,
        child_months.program,
        child_months.enrolment_start,
        child_months.person_id,
        child_months.relative_month,
        child_months.month,
        child_months.status_date,
        count(measure_spells.measure_id) as active_measures_n
    from child_months
    left join measure_spells
        on child_months.kommunekode = measure_spells.kommunekode
        and child_months.person_id = measure_spells.person_id
        and child_months.status_date between measure_spells.start_date and measure_spells.end_date
    group by
        child_months.enrolment_id,
        child_months.kommunekode,
        child_months.program,
        child_months.enrolment_start,
        child_months.person_id,
        child_months.relative_month,
        child_months.month,
        child_months.status_date

)

select * from final
