-- Kept by hand: does more than rename and cast. Its columns must be those of
-- stg_skole__fravaer.yml, generated from the contract (tests/contracts/test_dbt_schema.py checks).
with source as (

    select * from {{ source('skole', 'fravaer') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(try_strptime(maaned || '-01', '%Y-%m-%d') as date) as month,
        cast(skoledage as bigint) as school_days,
        cast(fravaersdage as bigint) as absence_days

    from source

)

select * from renamed
