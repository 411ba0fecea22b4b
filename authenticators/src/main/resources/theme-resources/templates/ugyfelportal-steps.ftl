<#-- What every step page shares under any login theme. The step pages' layout (css/ugyfelportal-steps.css, in the
     SPI jar) comes in the head where the theme lists it in its styles, as the ugyfelportal theme does; under any
     other theme the page links it here, in the body. -->
<#macro styles>
    <#if !(properties.styles!"")?split(" ")?seq_contains("css/ugyfelportal-steps.css")>
        <link href="${url.resourcesPath}/css/ugyfelportal-steps.css" rel="stylesheet" />
    </#if>
</#macro>
