with enrolment_savings as (

    select * from {{ ref('int_enrolment_savings') }}
    where saving_dkk is not null

),

cohort_enrolments as (

    select
        kommunekode,
        program,
        'ALL' as cohort,
        enrolment_id,
        enrolment_days,
        saving_dkk,
        naive_saving_dkk
    from enrolment_savings
    union all
    select
        kommunekode,
        program,
        cohort,
        enrolment_id,
        enrolment_days,
        saving_dkk,
        naive_saving_dkk
    from enrolment_savings

),

final as (

    select
        *,
        row_number() over (partition by kommunekode, program, cohort order by enrolment_id) as slot,
        count(*) over (partition by kommunekode, program, cohort) as enrolments_n
    from cohort_enrolments

)

select * from final
