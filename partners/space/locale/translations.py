# ruff: noqa: E501
"""Source of the partner space's catalogues: msgid -> (French, Spanish, Korean).

English msgstrs repeat the msgid. `python partners/space/locale/translations.py` fills the
four django.po files after `makemessages` (see the README of the app's locale folder)."""

T = {
    "An account with this user name already exists with another e-mail address.": (
        "Un compte porte déjà ce nom d'utilisateur avec une autre adresse électronique.",
        "Ya existe una cuenta con este nombre de usuario y otra dirección de correo electrónico.",
        "이 사용자 이름으로 다른 이메일 주소를 쓰는 계정이 이미 있습니다."),
    "This account has access to the administration interface; partner representatives must not. Use another address.": (
        "Ce compte a accès à l'interface d'administration, ce que les représentants des partenaires ne doivent pas avoir. Utilisez une autre adresse.",
        "Esta cuenta tiene acceso a la interfaz de administración, y las personas que representan a socios no deben tenerlo. Use otra dirección.",
        "이 계정은 관리자 화면에 접근할 수 있습니다. 파트너 대표 계정은 그래서는 안 됩니다. 다른 주소를 사용하세요."),
    "This account is deactivated.": (
        "Ce compte est désactivé.", "Esta cuenta está desactivada.", "비활성화된 계정입니다."),
    "No moderation workflow is configured; please tell the editors.": (
        "Aucun circuit de modération n'est configuré ; merci de prévenir l'équipe éditoriale.",
        "No hay ningún circuito de moderación configurado; avise al equipo editorial.",
        "검토 절차가 설정되어 있지 않습니다. 편집팀에 알려 주세요."),
    "Logo of %(name)s": ("Logo de %(name)s", "Logotipo de %(name)s", "%(name)s 로고"),
    "Invite a representative": ("Inviter un représentant", "Invitar a una persona representante", "대표자 초대하기"),
    "Invitation sent to %(email)s for %(partner)s.": (
        "Invitation envoyée à %(email)s pour %(partner)s.",
        "Invitación enviada a %(email)s para %(partner)s.",
        "%(partner)s의 초대장을 %(email)s(으)로 보냈습니다."),
    "Partner space": ("Espace partenaires", "Espacio de socios", "파트너 공간"),
    "The logo is too large: %(size)s MB at most.": (
        "Le logo est trop lourd : %(size)s Mo au maximum.",
        "El logotipo es demasiado pesado: %(size)s MB como máximo.",
        "로고 파일이 너무 큽니다. 최대 %(size)s MB까지 가능합니다."),
    "The logo must be a PNG, JPEG or WebP image (SVG is not accepted).": (
        "Le logo doit être une image PNG, JPEG ou WebP (le SVG n'est pas accepté).",
        "El logotipo debe ser una imagen PNG, JPEG o WebP (no se acepta SVG).",
        "로고는 PNG, JPEG 또는 WebP 이미지여야 합니다(SVG는 받지 않습니다)."),
    "The logo has too many pixels: %(pixels)s million at most.": (
        "Le logo a trop de pixels : %(pixels)s millions au maximum.",
        "El logotipo tiene demasiados píxeles: %(pixels)s millones como máximo.",
        "로고의 픽셀 수가 너무 많습니다. 최대 %(pixels)s백만 픽셀까지 가능합니다."),
    "This file is not a readable PNG, JPEG or WebP image.": (
        "Ce fichier n'est pas une image PNG, JPEG ou WebP lisible.",
        "Este archivo no es una imagen PNG, JPEG o WebP legible.",
        "이 파일은 읽을 수 있는 PNG, JPEG 또는 WebP 이미지가 아닙니다."),
    "The file's extension (.%(extension)s) does not match its content (%(format)s).": (
        "L'extension du fichier (.%(extension)s) ne correspond pas à son contenu (%(format)s).",
        "La extensión del archivo (.%(extension)s) no corresponde a su contenido (%(format)s).",
        "파일 확장자(.%(extension)s)가 실제 내용(%(format)s)과 맞지 않습니다."),
    "Website": ("Site web", "Sitio web", "웹사이트"),
    "The full address, e.g. https://example.org": (
        "L'adresse complète, par exemple https://example.org",
        "La dirección completa, por ejemplo https://example.org",
        "전체 주소(예: https://example.org)"),
    "Public contact e-mail": ("Courriel de contact public", "Correo de contacto público", "공개 연락 이메일"),
    "New logo": ("Nouveau logo", "Nuevo logotipo", "새 로고"),
    "PNG, JPEG or WebP, 2 MB at most. Leave empty to keep the current logo.": (
        "PNG, JPEG ou WebP, 2 Mo au maximum. Laissez vide pour garder le logo actuel.",
        "PNG, JPEG o WebP, 2 MB como máximo. Déjelo vacío para conservar el logotipo actual.",
        "PNG, JPEG 또는 WebP, 최대 2 MB. 지금 로고를 유지하려면 비워 두세요."),
    "Description": ("Description", "Descripción", "소개"),
    "Key facts": ("Faits marquants", "Datos clave", "주요 사실"),
    "Logo text alternative": ("Texte de remplacement du logo", "Texto alternativo del logotipo", "로고 대체 텍스트"),
    "What the organisation does, in a few sentences.": (
        "Ce que fait l'organisation, en quelques phrases.",
        "Lo que hace la organización, en pocas frases.",
        "기관이 하는 일을 몇 문장으로 적어 주세요."),
    "One fact per line: figures, dates, achievements.": (
        "Un fait par ligne : chiffres, dates, réalisations.",
        "Un dato por línea: cifras, fechas, logros.",
        "한 줄에 하나씩: 수치, 날짜, 성과."),
    "Usually the organisation's name as written in the logo.": (
        "En général, le nom de l'organisation tel qu'il est écrit dans le logo.",
        "Normalmente, el nombre de la organización tal como aparece en el logotipo.",
        "보통 로고에 적힌 그대로의 기관 이름입니다."),
    "Title": ("Titre", "Título", "제목"),
    "Summary": ("Résumé", "Resumen", "요약"),
    "Outcomes": ("Résultats", "Resultados", "성과"),
    "Lessons": ("Enseignements", "Lecciones aprendidas", "교훈"),
    "Public actors": ("Acteurs publics", "Actores públicos", "공공 주체"),
    "Civil-society actors": ("Acteurs de la société civile", "Actores de la sociedad civil", "시민사회 주체"),
    "Policy instrument": ("Instrument de politique publique", "Instrumento de política pública", "정책 수단"),
    "How it was co-built": ("Comment il a été coconstruit", "Cómo se construyó en común", "함께 만든 방식"),
    "Results and evidence": ("Résultats et données probantes", "Resultados y evidencias", "결과와 근거"),
    "Two or three sentences.": ("Deux ou trois phrases.", "Dos o tres frases.", "두세 문장으로 적어 주세요."),
    "One per line.": ("Un par ligne.", "Uno por línea.", "한 줄에 하나씩 적어 주세요."),
    "Plain text; leave a blank line between paragraphs.": (
        "Texte simple ; laissez une ligne vide entre les paragraphes.",
        "Texto simple; deje una línea en blanco entre párrafos.",
        "일반 텍스트로 쓰고, 문단 사이에는 빈 줄을 두세요."),
    "Territory": ("Territoire", "Territorio", "지역"),
    "(not set)": ("(non précisé)", "(sin indicar)", "(지정 안 함)"),
    "Themes": ("Thèmes", "Temas", "주제"),
    "Start year": ("Année de début", "Año de inicio", "시작 연도"),
    "End year": ("Année de fin", "Año de finalización", "종료 연도"),
    "Leave empty while it is still running.": (
        "Laissez vide tant que c'est en cours.", "Déjelo vacío mientras siga en marcha.", "아직 진행 중이면 비워 두세요."),
    "Collaboration form": ("Forme de collaboration", "Forma de colaboración", "협력 형태"),
    "This account works in the administration interface: please log in there.": (
        "Ce compte travaille dans l'interface d'administration : connectez-vous là-bas.",
        "Esta cuenta trabaja en la interfaz de administración: inicie sesión allí.",
        "이 계정은 관리자 화면에서 사용합니다. 그곳에서 로그인하세요."),
    "E-mail address of the representative": (
        "Adresse électronique du représentant", "Correo electrónico de la persona representante", "대표자의 이메일 주소"),
    "Partner": ("Partenaire", "Socio", "파트너"),
    "E-mail address": ("Adresse électronique", "Correo electrónico", "이메일 주소"),
    "Language of the invitation": ("Langue de l'invitation", "Idioma de la invitación", "초대장 언어"),
    "Draft": ("Brouillon", "Borrador", "초안"),
    "In moderation": ("En modération", "En moderación", "검토 중"),
    "Changes requested": ("Modifications demandées", "Cambios solicitados", "수정 요청됨"),
    "Published": ("Publié", "Publicado", "게시됨"),
    "The person receives an e-mail with a link to choose a password, valid once. Their account never gets access to this administration interface: they work in the partner space, and every change they make comes here for moderation.": (
        "La personne reçoit un courriel avec un lien, valable une fois, pour choisir son mot de passe. Son compte n'a jamais accès à cette interface d'administration : elle travaille dans l'espace partenaires, et chacune de ses modifications arrive ici pour modération.",
        "La persona recibe un correo con un enlace, válido una sola vez, para elegir su contraseña. Su cuenta nunca accede a esta interfaz de administración: trabaja en el espacio de socios y cada cambio que haga llega aquí para su moderación.",
        "초대받은 사람은 한 번만 쓸 수 있는 비밀번호 설정 링크를 이메일로 받습니다. 이 계정은 관리자 화면에 절대 접근할 수 없으며, 파트너 공간에서 작업하고 모든 변경 사항은 검토를 위해 이곳으로 옵니다."),
    "Send the invitation": ("Envoyer l'invitation", "Enviar la invitación", "초대장 보내기"),
    "Log out": ("Se déconnecter", "Cerrar sesión", "로그아웃"),
    "Submit for moderation": ("Soumettre à la modération", "Enviar a moderación", "검토 요청하기"),
    "Save as draft": ("Enregistrer comme brouillon", "Guardar como borrador", "초안으로 저장"),
    "Keep your organisation's profile current and propose practices and collaboration cases for the library. Every change is reviewed by the centre's moderators before it is public.": (
        "Tenez à jour le profil de votre organisation et proposez des pratiques et des cas de collaboration pour la bibliothèque. Chaque modification est relue par les modérateurs du centre avant d'être publique.",
        "Mantenga al día el perfil de su organización y proponga prácticas y casos de colaboración para la biblioteca. El equipo de moderación del centro revisa cada cambio antes de hacerlo público.",
        "기관 프로필을 최신으로 유지하고 라이브러리에 실천 사례와 협력 사례를 제안하세요. 모든 변경 사항은 공개되기 전에 센터의 검토자가 확인합니다."),
    "View the public profile": ("Voir le profil public", "Ver el perfil público", "공개 프로필 보기"),
    "My organisation": ("Mon organisation", "Mi organización", "우리 기관"),
    "Propose a good practice": ("Proposer une bonne pratique", "Proponer una buena práctica", "좋은 실천 사례 제안하기"),
    "Propose a collaboration case": ("Proposer un cas de collaboration", "Proponer un caso de colaboración", "협력 사례 제안하기"),
    "My proposals": ("Mes propositions", "Mis propuestas", "내 제안"),
    "Kind": ("Type", "Tipo", "종류"),
    "Status": ("Statut", "Estado", "상태"),
    "You have not proposed anything yet.": (
        "Vous n'avez encore rien proposé.", "Todavía no ha propuesto nada.", "아직 제안한 내용이 없습니다."),
    "Hello, the C.I.T.I.E.S. editors invite you to keep the profile of %(name)s current in the partner space, and to propose practices and collaboration cases for the library.": (
        "Bonjour, l'équipe éditoriale de C.I.T.I.E.S. vous invite à tenir à jour le profil de %(name)s dans l'espace partenaires et à proposer des pratiques et des cas de collaboration pour la bibliothèque.",
        "Hola: el equipo editorial de C.I.T.I.E.S. le invita a mantener al día el perfil de %(name)s en el espacio de socios y a proponer prácticas y casos de colaboración para la biblioteca.",
        "안녕하세요. C.I.T.I.E.S. 편집팀이 파트너 공간에서 %(name)s의 프로필을 관리하고 라이브러리에 실천 사례와 협력 사례를 제안하도록 초대합니다."),
    "You will then log in with this e-mail address:": (
        "Vous vous connecterez ensuite avec cette adresse électronique :",
        "Después iniciará sesión con esta dirección de correo electrónico:",
        "이후 다음 이메일 주소로 로그인합니다:"),
    "If you did not expect this message, you can ignore it.": (
        "Si vous n'attendiez pas ce message, vous pouvez l'ignorer.",
        "Si no esperaba este mensaje, puede ignorarlo.",
        "이 메시지를 기대하지 않았다면 무시하셔도 됩니다."),
    "Your access to the C.I.T.I.E.S. partner space for %(name)s": (
        "Votre accès à l'espace partenaires de C.I.T.I.E.S. pour %(name)s",
        "Su acceso al espacio de socios de C.I.T.I.E.S. para %(name)s",
        "%(name)s을 위한 C.I.T.I.E.S. 파트너 공간 접속 안내"),
    "Someone asked for a new password for your account in the C.I.T.I.E.S. partner space. To choose it, open this link (it works only once):": (
        "Quelqu'un a demandé un nouveau mot de passe pour votre compte de l'espace partenaires de C.I.T.I.E.S. Pour le choisir, ouvrez ce lien (il ne fonctionne qu'une fois) :",
        "Alguien pidió una nueva contraseña para su cuenta del espacio de socios de C.I.T.I.E.S. Para elegirla, abra este enlace (solo funciona una vez):",
        "누군가 C.I.T.I.E.S. 파트너 공간 계정의 새 비밀번호를 요청했습니다. 새 비밀번호를 정하려면 이 링크를 여세요(한 번만 사용할 수 있습니다):"),
    "If you did not ask for it, you can ignore this message: your password stays the same.": (
        "Si vous ne l'avez pas demandé, ignorez ce message : votre mot de passe reste le même.",
        "Si no lo pidió, ignore este mensaje: su contraseña no cambia.",
        "요청하지 않았다면 이 메시지를 무시하세요. 비밀번호는 바뀌지 않습니다."),
    "Choose a new password for the C.I.T.I.E.S. partner space": (
        "Choisissez un nouveau mot de passe pour l'espace partenaires de C.I.T.I.E.S.",
        "Elija una nueva contraseña para el espacio de socios de C.I.T.I.E.S.",
        "C.I.T.I.E.S. 파트너 공간의 새 비밀번호를 정하세요"),
    "%(user)s (%(partners)s) submitted “%(title)s” (%(kind)s) for moderation.": (
        "%(user)s (%(partners)s) a soumis « %(title)s » (%(kind)s) à la modération.",
        "%(user)s (%(partners)s) envió «%(title)s» (%(kind)s) a moderación.",
        "%(user)s(%(partners)s)님이 “%(title)s”(%(kind)s)의 검토를 요청했습니다."),
    "Review it in the administration interface:": (
        "Relisez-le dans l'interface d'administration :",
        "Revíselo en la interfaz de administración:",
        "관리자 화면에서 검토하세요:"),
    "Partner submission to moderate: %(title)s": (
        "Proposition d'un partenaire à modérer : %(title)s",
        "Envío de un socio para moderar: %(title)s",
        "검토할 파트너 제출물: %(title)s"),
    "Please correct the errors below.": (
        "Veuillez corriger les erreurs ci-dessous.", "Corrija los errores indicados abajo.", "아래 오류를 고쳐 주세요."),
    "Welcome to the partner space": (
        "Bienvenue dans l'espace partenaires", "Bienvenida al espacio de socios", "파트너 공간에 오신 것을 환영합니다"),
    "Choose the password of your account. You will then log in with your e-mail address and this password.": (
        "Choisissez le mot de passe de votre compte. Vous vous connecterez ensuite avec votre adresse électronique et ce mot de passe.",
        "Elija la contraseña de su cuenta. Después iniciará sesión con su correo electrónico y esta contraseña.",
        "계정 비밀번호를 정하세요. 이후 이메일 주소와 이 비밀번호로 로그인합니다."),
    "Save the password": ("Enregistrer le mot de passe", "Guardar la contraseña", "비밀번호 저장"),
    "This invitation link is not valid: it was already used or it has expired. Ask the centre's editors for a new invitation.": (
        "Ce lien d'invitation n'est pas valide : il a déjà servi ou il a expiré. Demandez une nouvelle invitation à l'équipe éditoriale du centre.",
        "Este enlace de invitación no es válido: ya se usó o caducó. Pida una nueva invitación al equipo editorial del centro.",
        "이 초대 링크는 유효하지 않습니다. 이미 사용되었거나 만료되었습니다. 센터 편집팀에 새 초대를 요청하세요."),
    "source language, shown when a translation is missing": (
        "langue source, affichée quand une traduction manque",
        "idioma de origen, mostrado cuando falta una traducción",
        "원문 언어, 번역이 없을 때 표시됩니다"),
    "Log in": ("Se connecter", "Iniciar sesión", "로그인"),
    "Log in to the partner space": (
        "Connexion à l'espace partenaires", "Iniciar sesión en el espacio de socios", "파트너 공간 로그인"),
    "Forgot your password?": ("Mot de passe oublié ?", "¿Olvidó su contraseña?", "비밀번호를 잊으셨나요?"),
    "Your account does not represent any partner organisation. If you think this is a mistake, write to the centre's editors.": (
        "Votre compte ne représente aucune organisation partenaire. Si c'est une erreur, écrivez à l'équipe éditoriale du centre.",
        "Su cuenta no representa a ninguna organización socia. Si cree que es un error, escriba al equipo editorial del centro.",
        "이 계정은 어떤 파트너 기관도 대표하지 않습니다. 잘못된 경우 센터 편집팀에 알려 주세요."),
    "Status:": ("Statut :", "Estado:", "상태:"),
    "Your changes are saved as a new version. The public profile stays as it is until a moderator approves them.": (
        "Vos modifications sont enregistrées comme une nouvelle version. Le profil public reste tel quel jusqu'à ce qu'un modérateur les approuve.",
        "Sus cambios se guardan como una nueva versión. El perfil público no cambia hasta que el equipo de moderación los apruebe.",
        "변경 사항은 새 버전으로 저장됩니다. 검토자가 승인할 때까지 공개 프로필은 그대로 유지됩니다."),
    "Logo and contact": ("Logo et contact", "Logotipo y contacto", "로고와 연락처"),
    "Current logo:": ("Logo actuel :", "Logotipo actual:", "현재 로고:"),
    "Reset your password": ("Réinitialiser votre mot de passe", "Restablecer su contraseña", "비밀번호 재설정"),
    "Enter the e-mail address of your account: we will send you a link to choose a new password.": (
        "Saisissez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.",
        "Escriba el correo electrónico de su cuenta: le enviaremos un enlace para elegir una nueva contraseña.",
        "계정의 이메일 주소를 입력하세요. 새 비밀번호를 정할 수 있는 링크를 보내 드립니다."),
    "Send the link": ("Envoyer le lien", "Enviar el enlace", "링크 보내기"),
    "Check your e-mail": ("Consultez vos courriels", "Revise su correo", "이메일을 확인하세요"),
    "If this address belongs to a partner representative's account, a link to choose a new password is on its way. It can be used once.": (
        "Si cette adresse correspond au compte d'un représentant de partenaire, un lien pour choisir un nouveau mot de passe est en route. Il ne sert qu'une fois.",
        "Si esta dirección pertenece a la cuenta de una persona representante de un socio, va en camino un enlace para elegir una nueva contraseña. Solo puede usarse una vez.",
        "이 주소가 파트너 대표 계정의 주소라면 새 비밀번호를 정하는 링크가 발송됩니다. 링크는 한 번만 쓸 수 있습니다."),
    "Choose a password": ("Choisissez un mot de passe", "Elija una contraseña", "비밀번호 정하기"),
    "This link is not valid: it was already used or it has expired.": (
        "Ce lien n'est pas valide : il a déjà servi ou il a expiré.",
        "Este enlace no es válido: ya se usó o caducó.",
        "이 링크는 유효하지 않습니다. 이미 사용되었거나 만료되었습니다."),
    "Ask for a new link": ("Demander un nouveau lien", "Pedir un nuevo enlace", "새 링크 요청하기"),
    "Password saved": ("Mot de passe enregistré", "Contraseña guardada", "비밀번호가 저장되었습니다"),
    "Your password is saved. You can now log in.": (
        "Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.",
        "Su contraseña está guardada. Ya puede iniciar sesión.",
        "비밀번호가 저장되었습니다. 이제 로그인할 수 있습니다."),
    "Delete this proposal?": ("Supprimer cette proposition ?", "¿Eliminar esta propuesta?", "이 제안을 삭제할까요?"),
    "“%(title)s” and all its versions will be deleted. This cannot be undone.": (
        "« %(title)s » et toutes ses versions seront supprimés. C'est définitif.",
        "«%(title)s» y todas sus versiones se eliminarán. No se puede deshacer.",
        "“%(title)s”와(과) 모든 버전이 삭제됩니다. 되돌릴 수 없습니다."),
    "Delete": ("Supprimer", "Eliminar", "삭제"),
    "Cancel": ("Annuler", "Cancelar", "취소"),
    "New proposal: %(kind)s": ("Nouvelle proposition : %(kind)s", "Nueva propuesta: %(kind)s", "새 제안: %(kind)s"),
    "Proposed by %(name)s. Write at least the French title; the other languages are welcome. Moderators review every proposal before it appears in the library.": (
        "Proposé par %(name)s. Écrivez au moins le titre en français ; les autres langues sont les bienvenues. Les modérateurs relisent chaque proposition avant qu'elle paraisse dans la bibliothèque.",
        "Propuesto por %(name)s. Escriba al menos el título en francés; las demás lenguas son bienvenidas. El equipo de moderación revisa cada propuesta antes de que aparezca en la biblioteca.",
        "제안 기관: %(name)s. 최소한 프랑스어 제목은 써 주세요. 다른 언어도 환영합니다. 모든 제안은 라이브러리에 실리기 전에 검토자가 확인합니다."),
    "This proposal is published: it can no longer be changed here. Write to the editors for any correction.": (
        "Cette proposition est publiée : elle ne peut plus être modifiée ici. Écrivez à l'équipe éditoriale pour toute correction.",
        "Esta propuesta está publicada: ya no puede modificarse aquí. Escriba al equipo editorial para cualquier corrección.",
        "이 제안은 게시되었으므로 여기서 더 이상 수정할 수 없습니다. 수정이 필요하면 편집팀에 알려 주세요."),
    "Where, when and what": ("Où, quand et quoi", "Dónde, cuándo y qué", "장소, 시기, 내용"),
    "Delete this proposal": ("Supprimer cette proposition", "Eliminar esta propuesta", "이 제안 삭제하기"),
    "This space is for the representatives of partner organisations. Your account works in the administration interface, where you can edit and moderate partners and practices.": (
        "Cet espace est destiné aux représentants des organisations partenaires. Votre compte travaille dans l'interface d'administration, où vous pouvez modifier et modérer les partenaires et les pratiques.",
        "Este espacio es para quienes representan a las organizaciones socias. Su cuenta trabaja en la interfaz de administración, donde puede editar y moderar socios y prácticas.",
        "이 공간은 파트너 기관의 대표자를 위한 곳입니다. 이 계정은 관리자 화면에서 파트너와 실천 사례를 편집하고 검토합니다."),
    "Go to the administration interface": (
        "Aller à l'interface d'administration", "Ir a la interfaz de administración", "관리자 화면으로 가기"),
    "Moderator's comment:": ("Commentaire du modérateur :", "Comentario de moderación:", "검토자 의견:"),
    "login/": ("connexion/", "iniciar-sesion/", "로그인/"),
    "logout/": ("deconnexion/", "cerrar-sesion/", "로그아웃/"),
    "password-reset/": ("mot-de-passe/", "restablecer-contrasena/", "비밀번호-재설정/"),
    "password-reset/sent/": ("mot-de-passe/envoye/", "restablecer-contrasena/enviado/", "비밀번호-재설정/발송/"),
    "password-reset/done/": ("mot-de-passe/termine/", "restablecer-contrasena/hecho/", "비밀번호-재설정/완료/"),
    "password-reset/<uidb64>/<token>/": (
        "mot-de-passe/<uidb64>/<token>/", "restablecer-contrasena/<uidb64>/<token>/", "비밀번호-재설정/<uidb64>/<token>/"),
    "invitation/done/": ("invitation/terminee/", "invitacion/hecho/", "초대/완료/"),
    "invitation/<uidb64>/<token>/": ("invitation/<uidb64>/<token>/", "invitacion/<uidb64>/<token>/", "초대/<uidb64>/<token>/"),
    "organisation/<str:slug>/": ("organisation/<str:slug>/", "organizacion/<str:slug>/", "기관/<str:slug>/"),
    "organisation/<str:slug>/new-practice/": (
        "organisation/<str:slug>/nouvelle-pratique/", "organizacion/<str:slug>/nueva-practica/", "기관/<str:slug>/새-실천사례/"),
    "organisation/<str:slug>/new-case/": (
        "organisation/<str:slug>/nouveau-cas/", "organizacion/<str:slug>/nuevo-caso/", "기관/<str:slug>/새-협력사례/"),
    "proposals/practice/<int:pk>/": (
        "propositions/pratique/<int:pk>/", "propuestas/practica/<int:pk>/", "제안/실천사례/<int:pk>/"),
    "proposals/practice/<int:pk>/delete/": (
        "propositions/pratique/<int:pk>/supprimer/", "propuestas/practica/<int:pk>/eliminar/", "제안/실천사례/<int:pk>/삭제/"),
    "proposals/case/<int:pk>/": ("propositions/cas/<int:pk>/", "propuestas/caso/<int:pk>/", "제안/협력사례/<int:pk>/"),
    "proposals/case/<int:pk>/delete/": (
        "propositions/cas/<int:pk>/supprimer/", "propuestas/caso/<int:pk>/eliminar/", "제안/협력사례/<int:pk>/삭제/"),
    "partner-space/": ("espace-partenaires/", "espacio-socios/", "파트너-공간/"),
    "Good practice": ("Bonne pratique", "Buena práctica", "좋은 실천 사례"),
    "Collaboration case": ("Cas de collaboration", "Caso de colaboración", "협력 사례"),
    "Thank you: your changes were sent to the moderators. They will be public once approved.": (
        "Merci : vos modifications ont été transmises aux modérateurs. Elles seront publiques une fois approuvées.",
        "Gracias: sus cambios se enviaron al equipo de moderación. Serán públicos cuando se aprueben.",
        "감사합니다. 변경 사항을 검토자에게 보냈습니다. 승인되면 공개됩니다."),
    "Your draft was saved. It is not public and not yet submitted.": (
        "Votre brouillon est enregistré. Il n'est pas public et n'est pas encore soumis.",
        "Su borrador está guardado. No es público y todavía no se ha enviado.",
        "초안이 저장되었습니다. 공개되지 않았고 아직 검토를 요청하지 않았습니다."),
    "An editor is working on this profile right now; please try again later.": (
        "Un membre de l'équipe éditoriale travaille sur ce profil en ce moment ; réessayez plus tard.",
        "Alguien del equipo editorial está trabajando ahora en este perfil; inténtelo más tarde.",
        "지금 편집팀이 이 프로필을 수정하고 있습니다. 잠시 후 다시 시도하세요."),
    "An editor is working on this proposal right now; please try again later.": (
        "Un membre de l'équipe éditoriale travaille sur cette proposition en ce moment ; réessayez plus tard.",
        "Alguien del equipo editorial está trabajando ahora en esta propuesta; inténtelo más tarde.",
        "지금 편집팀이 이 제안을 수정하고 있습니다. 잠시 후 다시 시도하세요."),
    "The proposal was deleted.": ("La proposition a été supprimée.", "La propuesta se eliminó.", "제안이 삭제되었습니다."),
    "You are logged out.": ("Vous êtes déconnecté.", "Ha cerrado la sesión.", "로그아웃되었습니다."),
    "A partner representative was invited": (
        "Un représentant du partenaire a été invité", "Se invitó a una persona representante del socio",
        "파트너 대표자를 초대했습니다"),
}

PLURALS = {
    "To choose your password, open this link within %(days)s day. It works only once:": {
        "fr": ["Pour choisir votre mot de passe, ouvrez ce lien dans un délai de %(days)s jour. Il ne fonctionne qu'une fois :",
               "Pour choisir votre mot de passe, ouvrez ce lien dans un délai de %(days)s jours. Il ne fonctionne qu'une fois :"],
        "en": ["To choose your password, open this link within %(days)s day. It works only once:",
               "To choose your password, open this link within %(days)s days. It works only once:"],
        "es": ["Para elegir su contraseña, abra este enlace antes de %(days)s día. Solo funciona una vez:",
               "Para elegir su contraseña, abra este enlace antes de %(days)s días. Solo funciona una vez:",
               "Para elegir su contraseña, abra este enlace antes de %(days)s días. Solo funciona una vez:"],
        "ko": ["비밀번호를 정하려면 %(days)s일 안에 이 링크를 여세요. 한 번만 사용할 수 있습니다:"],
    },
}


def fill():
    from pathlib import Path

    import polib

    here = Path(__file__).resolve().parent
    index = {"fr": 0, "es": 1, "ko": 2}
    missing = []
    for code in ("fr", "en", "es", "ko"):
        path = here / code / "LC_MESSAGES" / "django.po"
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entry.previous_msgid = None
            if entry.msgid_plural:
                forms = PLURALS.get(entry.msgid, {}).get(code)
                if forms is None:
                    missing.append((code, entry.msgid))
                    continue
                entry.msgstr_plural = dict(enumerate(forms))
            elif code == "en":
                entry.msgstr = entry.msgid
            elif entry.msgid in T:
                entry.msgstr = T[entry.msgid][index[code]]
            else:
                missing.append((code, entry.msgid))
        for entry in catalog.obsolete_entries():
            catalog.remove(entry)
        catalog.save(str(path))
    for item in missing:
        print("MISSING", item)


if __name__ == "__main__":
    fill()
