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
