<#import "template.ftl" as layout>
<#-- The single-use link; the page it opens asks for "Kérem a kódot" before anything is used up. -->
<@layout.emailLayout>
<p>${msg("forgotPassword.mailBody")}</p>
<p><a href="${link}">${msg("forgotPassword.mailLinkText")}</a></p>
<p>${msg("passwordLink.mailLifetime", linkLifetimeMinutes)}</p>
<p>${msg("passwordLink.mailConfirm")}</p>
<p>${msg("passwordLink.mailIgnore")}</p>
</@layout.emailLayout>
