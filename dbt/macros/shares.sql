{#- Percentage (0-100) of a count over a denominator; null when the denominator is 0. -#}
{% macro pct(numerator, denominator) -%}
    case when {{ denominator }} = 0 then null else 100.0 * {{ numerator }} / {{ denominator }} end
{%- endmacro %}
