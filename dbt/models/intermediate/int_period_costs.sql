with spell_costs as (

    select * from {{ ref('int_spell_costs') }}

),

final as (

    select
        period_id,
        sum(cost_dkk) as cost_dkk
    from spell_costs
    group by period_id

)

select * from final
