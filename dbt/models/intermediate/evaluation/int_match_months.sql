with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

final as (

    select distinct
        kommunekode,
        cast(date_trunc('month', enrolment_start) as date) as match_month
    from enrolments

)

select * from final
