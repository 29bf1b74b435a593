with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

family_windows as (

    select
        kommunekode,
        family_id,
        program,
        cast(date_trunc('month', min(enrolment_start)) - interval 12 month as date) as first_month,
        cast(date_trunc('month', max(enrolment_end)) as date) as last_month,
        max(extract_date) as extract_date
    from enrolments
    group by kommunekode, family_id, program

),

months as (

    select
        kommunekode,
        family_id,
        program,
        cast(unnest(generate_series(first_month, last_month, interval 1 month)) as date) as month,
        extract_date
    from family_windows

),

with_status_date as (

    select
        *,
        -- the month still running on the extract date is looked at on the extract date
        least(last_day(month), extract_date) as status_date
    from months

),

final as (

    select
        months.kommunekode,
        months.family_id,
        months.program,
        months.month,
        months.status_date,
        coalesce(bool_or(enrolments.enrolment_id is not null), false) as is_enrolled
    from with_status_date as months
    left join enrolments
        on months.kommunekode = enrolments.kommunekode
        and months.family_id = enrolments.family_id
        and months.program = enrolments.program
        and months.status_date between enrolments.enrolment_start and enrolments.enrolment_end
    group by months.kommunekode, months.family_id, months.program, months.month, months.status_date

)

select * from final
