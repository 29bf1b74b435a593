with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

caseworker_months as (

    select * from {{ ref('int_caseworker_months') }}
    where is_employed

),

departments as (

    select * from {{ ref('departments') }}

),

grid as (

    select
        operations_months.kommunekode,
        operations_months.month,
        departments.code as afdeling
    from operations_months
    cross join departments

),

totals as (

    select
        kommunekode,
        month,
        department as afdeling,
        count(*) as caseworkers_n,
        sum(open_cases_n) as open_cases_n
    from caseworker_months
    group by kommunekode, month, department

),

final as (

    select
        grid.kommunekode,
        grid.afdeling,
        grid.month,
        cast(coalesce(totals.caseworkers_n, 0) as bigint) as caseworkers_n,
        cast(coalesce(totals.open_cases_n, 0) as bigint) as open_cases_n,
        case
            when totals.caseworkers_n > 0 then 1.0 * totals.open_cases_n / totals.caseworkers_n
        end as caseload_per_caseworker,
        cast(coalesce(totals.caseworkers_n, 0) as bigint) as caseload_per_caseworker_denominator
    from grid
    left join totals
        on grid.kommunekode = totals.kommunekode
        and grid.month = totals.month
        and grid.afdeling = totals.afdeling

)

select * from final
