with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

open_holdings as (

    select * from {{ ref('int_open_holdings_month') }}

),

caseworkers as (

    select * from {{ ref('stg_organisation__sagsbehandlere') }}

),

-- caseworkers employed on the status date; an open employment runs to the municipality's extract date
employed as (

    select
        operations_months.kommunekode,
        operations_months.month,
        caseworkers.caseworker_id,
        arg_max(caseworkers.department, caseworkers.valid_from) as department
    from caseworkers
    inner join operations_months
        on caseworkers.kommunekode = operations_months.kommunekode
        and operations_months.status_date
        between caseworkers.valid_from and coalesce(caseworkers.valid_to, operations_months.extract_date)
    group by operations_months.kommunekode, operations_months.month, caseworkers.caseworker_id

),

-- a case counts once per caseworker, however many spells or member rows hold it
open_cases as (

    select distinct
        kommunekode,
        month,
        caseworker_id,
        system,
        case_key
    from open_holdings

),

held as (

    select
        kommunekode,
        month,
        caseworker_id,
        count(*) filter (where system = 'jobcenter') as open_jobcenter_cases_n,
        count(*) filter (where system = 'child') as open_child_cases_n,
        count(*) filter (where system = 'adult') as open_adult_measures_n,
        count(*) filter (where system = 'programme') as open_enrolments_n
    from open_cases
    group by kommunekode, month, caseworker_id

),

caseworker_months as (

    select
        kommunekode,
        month,
        caseworker_id
    from employed
    union
    select
        kommunekode,
        month,
        caseworker_id
    from held

),

final as (

    select
        caseworker_months.kommunekode,
        caseworker_months.caseworker_id,
        caseworker_months.month,
        employed.department,
        employed.caseworker_id is not null as is_employed,
        coalesce(held.open_jobcenter_cases_n, 0) as open_jobcenter_cases_n,
        coalesce(held.open_child_cases_n, 0) as open_child_cases_n,
        coalesce(held.open_adult_measures_n, 0) as open_adult_measures_n,
        coalesce(held.open_enrolments_n, 0) as open_enrolments_n,
        coalesce(held.open_jobcenter_cases_n, 0)
        + coalesce(held.open_child_cases_n, 0)
        + coalesce(held.open_adult_measures_n, 0)
        + coalesce(held.open_enrolments_n, 0) as open_cases_n
    from caseworker_months
    left join employed
        on caseworker_months.kommunekode = employed.kommunekode
        and caseworker_months.month = employed.month
        and caseworker_months.caseworker_id = employed.caseworker_id
    left join held
        on caseworker_months.kommunekode = held.kommunekode
        and caseworker_months.month = held.month
        and caseworker_months.caseworker_id = held.caseworker_id

)

select * from final
