with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

holdings as (

    select * from {{ ref('int_caseworker_holdings') }}

),

final as (

    select
        operations_months.kommunekode,
        operations_months.month,
        operations_months.status_date,
        holdings.caseworker_id,
        holdings.system,
        holdings.case_key,
        holdings.person_id
    from holdings
    inner join operations_months
        on holdings.kommunekode = operations_months.kommunekode
        and operations_months.status_date between holdings.valid_from and holdings.valid_to

)

select * from final
