with indicator_definitions as (

    select * from {{ ref('indicator_definitions') }}

),

final as (

    select
        indicator_id,
        label_da,
        unit,
        seed_figure,
        seed_source,
        seed_program
    from indicator_definitions

)

select * from final
