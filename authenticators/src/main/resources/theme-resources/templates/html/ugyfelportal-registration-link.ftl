<#import "template.ftl" as layout>
<#-- The single-use link; the page it opens asks for "Kérem a kódot" before anything is used up. -->
<@layout.emailLayout>
<p>${msg("registration.mailBody")}</p>
<p><a href="${link}">${msg("registration.mailLinkText")}</a></p>
<p>${msg("passwordLink.mailLifetime", linkLifetimeMinutes)}</p>
<p>${msg("passwordLink.mailConfirm")}</p>
<p>${msg("registration.mailIgnore")}</p>
</@layout.emailLayout>
