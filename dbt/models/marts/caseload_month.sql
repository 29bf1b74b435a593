with caseworker_months as (

    select * from {{ ref('int_caseworker_months') }}

),

final as (

    select
        kommunekode,
        caseworker_id,
        month,
        department as afdeling,
        is_employed,
        cast(open_jobcenter_cases_n as bigint) as open_jobcenter_cases_n,
        cast(open_child_cases_n as bigint) as open_child_cases_n,
        cast(open_adult_measures_n as bigint) as open_adult_measures_n,
        cast(open_enrolments_n as bigint) as open_enrolments_n,
        cast(open_cases_n as bigint) as open_cases_n
    from caseworker_months

)

select * from final
