{%- set covariates = [
    'adults_n', 'children_n', 'has_renewed_investigation', 'has_placement', 'has_income_support', 'systems_n',
    'cost_12_months_before_dkk', 'cost_3_months_before_dkk',
] -%}

with covariates as (

    select * from {{ ref('int_comparison_covariates') }}

),

matches as (

    select * from {{ ref('int_comparison_matches') }}

),

programme_months as (

    select distinct
        kommunekode,
        program,
        match_month
    from covariates
    where unit_kind = 'enrolment'

),

weighted_units as (

    -- enrolled: weight 1; before matching: every pool family at the programme's start months, weight 1;
    -- after matching: each enrolment's comparison families share a weight of 1
    select
        'enrolled' as unit_group,
        program,
        cast(1 as decimal(38, 8)) as weight,
        kommunekode,
        {%- for covariate in covariates %}
        {{ covariate }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from covariates
    where unit_kind = 'enrolment'
    union all
    select
        'before_matching' as unit_group,
        programme_months.program,
        cast(1 as decimal(38, 8)) as weight,
        covariates.kommunekode,
        {%- for covariate in covariates %}
        covariates.{{ covariate }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from covariates
    inner join programme_months
        on covariates.kommunekode = programme_months.kommunekode
        and covariates.match_month = programme_months.match_month
    where covariates.unit_kind = 'comparison_family'
    union all
    select
        'after_matching' as unit_group,
        matches.program,
        cast(1.0 / count(*) over (partition by matches.enrolment_id) as decimal(38, 8)) as weight,
        covariates.kommunekode,
        {%- for covariate in covariates %}
        covariates.{{ covariate }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from matches
    inner join covariates
        on covariates.unit_kind = 'comparison_family'
        and matches.comparison_family_id = covariates.unit_id
        and matches.match_month = covariates.match_month

),

long as (
    {% for covariate in covariates %}
    select
        kommunekode,
        program,
        unit_group,
        '{{ covariate }}' as covariate,
        weight,
        {%- if covariate.startswith('has_') %}
        cast(cast({{ covariate }} as integer) as decimal(38, 2)) as covariate_value
        {%- else %}
        cast({{ covariate }} as decimal(38, 2)) as covariate_value
        {%- endif %}
    from weighted_units
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

moments as (

    -- exact decimal sums, so the published doubles are the same on every run
    select
        kommunekode,
        program,
        covariate,
        unit_group,
        sum(weight) as weight_sum,
        sum(weight * covariate_value) as value_sum,
        sum(weight * covariate_value * covariate_value) as square_sum
    from long
    group by kommunekode, program, covariate, unit_group

),

stats as (

    select
        kommunekode,
        program,
        covariate,
        unit_group,
        weight_sum,
        cast(value_sum as double) / cast(weight_sum as double) as mean,
        greatest(
            cast(square_sum as double) / cast(weight_sum as double)
            - pow(cast(value_sum as double) / cast(weight_sum as double), 2),
            0
        ) as variance
    from moments

),

final as (

    select
        enrolled.kommunekode,
        enrolled.program,
        enrolled.covariate,
        cast(enrolled.weight_sum as bigint) as enrolled_n,
        round(enrolled.mean, 4) as enrolled_mean,
        round(before_matching.mean, 4) as comparison_mean_before,
        round(after_matching.mean, 4) as comparison_mean_after,
        round(
            (enrolled.mean - before_matching.mean)
            / nullif(sqrt((enrolled.variance + before_matching.variance) / 2), 0),
            4
        ) as smd_before,
        round(
            (enrolled.mean - after_matching.mean)
            / nullif(sqrt((enrolled.variance + after_matching.variance) / 2), 0),
            4
        ) as smd_after
    from stats as enrolled
    left join stats as before_matching
        on enrolled.kommunekode = before_matching.kommunekode
        and enrolled.program = before_matching.program
        and enrolled.covariate = before_matching.covariate
        and before_matching.unit_group = 'before_matching'
    left join stats as after_matching
        on enrolled.kommunekode = after_matching.kommunekode
        and enrolled.program = after_matching.program
        and enrolled.covariate = after_matching.covariate
        and after_matching.unit_group = 'after_matching'
    where enrolled.unit_group = 'enrolled'

)

select * from final
