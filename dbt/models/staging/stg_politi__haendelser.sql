with source as (

    select * from {{ source('politi', 'haendelser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(dato as date) as event_date,
        cast(type as varchar) as event_type

    from source

)

select * from renamed
