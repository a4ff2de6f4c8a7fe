"""Demo content for the fictional program that `make run` shows.

Pure data: no Django imports. The hospital, people, phone numbers (215-555-01xx, reserved for
fiction) and emails (example.org) are all made up. The medical facts follow /work/shared/FACTS.md;
see SOURCES at the end of this file. Core family pages are written at about a US grade-6 level.
"""

import datetime

# Phone numbers used more than once, so pages and lines stay in step.
NEW_PATIENT_PHONE = "(215) 555-0120"
NEW_PATIENT_TEL = "tel:+12155550120"
URGENT_PHONE = "(215) 555-0150"
URGENT_TEL = "tel:+12155550150"

PROGRAM = {
    "slug": "pediatric-cart",
    "name": "Pediatric CAR T-Cell Therapy Program",
    "institution": "Larkfield Children's Hospital",
    "short_description": (
        "We treat children and young adults whose B-cell leukemia came back or did not go away. "
        "CAR T-cell therapy uses your child's own immune cells to fight the cancer."
    ),
    "about": (
        "<p>Our program gives CAR T-cell therapy to children, teens and young adults up to age 25. "
        "It is for B-cell leukemia that did not go away with treatment, or that came back. "
        "CAR T uses your child's own T-cells (a kind of white blood cell that fights germs). "
        "A lab changes the cells so they can find and attack the cancer.</p>"
        "<p>Our team includes leukemia doctors, cell therapy doctors, transplant doctors and lab "
        "experts. Nurses, social workers and child life specialists care for your whole family. "
        "One nurse coordinator is your main contact from the first call on.</p>"
        "<p>We know this is a hard time. We will explain each step, in plain words, before it "
        "happens. You can always ask us to say it again.</p>"
    ),
    "next_step": (
        "<p>Call our new-patient line at "
        f'<a href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>, Monday to Friday, '
        "8 a.m. to 6 p.m. Eastern time. Or ask for a call back. We reply within 1 business day. "
        "You do not need a referral to call us.</p>"
        "<p>Is your child already our patient, and not feeling well? Do not wait. Call our 24/7 "
        f'line at <a href="{URGENT_TEL}">{URGENT_PHONE}</a>, or 911 in an emergency.</p>'
    ),
    "time_zone": "America/New_York",
    "main_phone": "(215) 555-0100",
    "name_es": "Programa de terapia de células CAR T para niños",
    "short_description_es": (
        "Tratamos a niños y jóvenes con leucemia de células B que volvió o que no se fue. "
        "La terapia de células CAR T usa las propias células de defensa de su hijo para "
        "combatir el cáncer."
    ),
    "about_es": (
        "<p>Nuestro programa da terapia de células CAR T a niños, adolescentes y jóvenes de "
        "hasta 25 años. Es para la leucemia de células B que no se fue con el tratamiento, "
        "o que volvió. El CAR T usa las propias células T de su hijo (un tipo de glóbulo "
        "blanco que combate los gérmenes). Un laboratorio cambia las células para que "
        "puedan encontrar y atacar el cáncer.</p><p>En nuestro equipo hay médicos de "
        "leucemia, médicos de terapia celular, médicos de trasplante y expertos de "
        "laboratorio. Enfermeras, trabajadores sociales y especialistas en vida infantil "
        "cuidan a toda su familia. Una enfermera coordinadora es su contacto principal "
        "desde la primera llamada.</p><p>Sabemos que este es un momento difícil. Le "
        "explicaremos cada paso, con palabras sencillas, antes de que ocurra. Siempre puede "
        "pedirnos que lo repitamos.</p>"
    ),
    "next_step_es": (
        "<p>Llame a nuestra línea para pacientes nuevos al <a "
        f'href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>, de lunes a viernes, de 8 a. m. a '
        "6 p. m., hora del Este. Hablamos español. O pida que le llamemos. Respondemos en 1 "
        "día hábil. No necesita una referencia médica para llamarnos.</p><p>¿Su hijo ya es "
        "paciente nuestro y no se siente bien? No espere. Llame a nuestra línea 24/7 al <a "
        f'href="{URGENT_TEL}">{URGENT_PHONE}</a>, o al 911 en una emergencia.</p>'
    ),
}

WHAT_IS_CAR_T = (
    "<p>CAR T-cell therapy is a kind of cancer treatment. It uses your child's own T-cells. "
    "T-cells are a kind of white blood cell that fights germs. CAR T helps them fight "
    "leukemia, too. Leukemia is a cancer of the blood.</p>"
    "<h2>How the T-cells are changed</h2>"
    "<p>First, we collect some T-cells from your child's blood. Then a lab changes them. "
    "It gives each cell a new part on its outside, called a CAR. "
    "CAR stands for <em>chimeric antigen receptor</em>. That is a long name for a simple idea. "
    "The CAR works like a key. The lock is a protein called CD19. It sits on the outside "
    "of the leukemia cells. With the CAR, the T-cell can find the leukemia cell, grab on, "
    "and kill it.</p>"
    "<p>The lab grows millions of these new cells. Then they go back into your child "
    "through an IV (a thin tube in a vein). This is called an infusion. It is done just one "
    "time. In the body, the CAR T-cells make more of themselves. They hunt for leukemia "
    "cells and attack them.</p>"
    "<h2>Who it is for</h2>"
    "<p>For children and young adults, CAR T is for B-cell leukemia that did not go away "
    "with other treatment. Doctors call this <em>refractory</em>. It is also for leukemia "
    "that came back a second time or more. When cancer comes back, it is called a "
    "<em>relapse</em>. To learn more, read "
    '<a href="/who-it-is-for/">Who CAR T-cell therapy is for</a>.</p>'
    "<h2>How well it works</h2>"
    "<p>The main study in children was called ELIANA. Its results came out in 2018. "
    "In that study, about 8 in 10 children and young adults were in remission within 3 "
    "months. Remission means the tests could no longer find leukemia. For some of them, "
    "the leukemia came back later. So CAR T does not cure every child. Your team will talk "
    "with you about what it may mean for your child.</p>"
    "<h2>Side effects</h2>"
    "<p>CAR T can cause serious side effects. The most common one is called CRS. It is "
    "short for <em>cytokine release syndrome</em>. It can happen when the CAR T-cells are "
    "hard at work. It can cause a high fever, low blood pressure and trouble breathing. "
    "CAR T can also affect the brain and nerves. A child may be confused, have trouble "
    "talking, or have seizures (spells of shaking). Low blood counts and infections (illness "
    "caused by germs) are a risk, too. In rare cases, a new cancer of the T-cells has been found "
    "after CAR T.</p>"
    "<p>Our team watches your child closely, day and night. We know the signs to look "
    "for, and we know how to treat these problems.</p>"
    "<h2>The approved medicine</h2>"
    "<p>The CAR T medicine for children and young adults is called Kymriah. The FDA (the US "
    "agency that approves medicines) approved it in 2017. It was the first CAR T approved "
    "in the US. It is still the only one approved for children.</p>"
)

WHAT_IS_CAR_T_ES = (
    "<p>La terapia de células CAR T es un tipo de tratamiento contra el cáncer. Usa las "
    "propias células T de su hijo. Las células T son un tipo de glóbulo blanco que combate "
    "los gérmenes. El CAR T las ayuda a combatir también la leucemia. La leucemia es un "
    "cáncer de la sangre.</p><h2>Cómo se cambian las células T</h2><p>Primero, sacamos "
    "algunas células T de la sangre de su hijo. Luego, un laboratorio las cambia. Le pone a "
    "cada célula una parte nueva por fuera, llamada CAR. CAR son las siglas en inglés de "
    "<em>receptor de antígeno quimérico</em>. Es un nombre largo para una idea sencilla. El "
    "CAR funciona como una llave. La cerradura es una proteína llamada CD19. Está por fuera "
    "de las células de leucemia. Con el CAR, la célula T puede encontrar la célula de "
    "leucemia, agarrarse a ella y destruirla.</p><p>El laboratorio hace crecer millones de "
    "estas células nuevas. Después, vuelven al cuerpo de su hijo por una vía IV (un tubo "
    "delgado en una vena). Esto se llama infusión. Se hace una sola vez. En el cuerpo, las "
    "células CAR T se multiplican. Buscan las células de leucemia y las atacan.</p><h2>Para "
    "quién es</h2><p>En niños y jóvenes, el CAR T es para la leucemia de células B que no "
    "se fue con otros tratamientos. Los médicos la llaman <em>refractaria</em>. También es "
    "para la leucemia que volvió por segunda vez o más. Cuando el cáncer vuelve, se llama "
    '<em>recaída</em>. Para saber más, lea <a href="/es/who-it-is-for/">Para quién es la '
    "terapia de células CAR T</a>.</p><h2>Qué tan bien funciona</h2><p>El estudio principal "
    "en niños se llamó ELIANA. Sus resultados salieron en 2018. En ese estudio, unos 8 de "
    "cada 10 niños y jóvenes estaban en remisión a los 3 meses. Remisión quiere decir que "
    "las pruebas ya no encontraban leucemia. En algunos de ellos, la leucemia volvió más "
    "tarde. Por eso, el CAR T no cura a todos los niños. Su equipo hablará con usted sobre "
    "lo que puede significar para su hijo.</p><h2>Efectos secundarios</h2><p>El CAR T puede "
    "causar efectos secundarios graves. El más común se llama CRS. Son las siglas en inglés "
    "del <em>síndrome de liberación de citocinas</em>. Puede pasar cuando las células CAR T "
    "están trabajando mucho. Puede causar fiebre alta, presión baja y problemas para "
    "respirar. El CAR T también puede afectar el cerebro y los nervios. Un niño puede estar "
    "confundido, tener problemas para hablar o tener convulsiones (ataques de temblores). "
    "Los conteos bajos de células de la sangre y las infecciones (enfermedades causadas por "
    "gérmenes) también son un riesgo. En casos raros, se ha encontrado un nuevo cáncer de "
    "las células T después del CAR T.</p><p>Nuestro equipo vigila a su hijo de cerca, de "
    "día y de noche. Conocemos las señales que hay que buscar, y sabemos cómo tratar estos "
    "problemas.</p><h2>El medicamento aprobado</h2><p>El medicamento de CAR T para niños y "
    "jóvenes se llama Kymriah. La FDA (la agencia de EE. UU. que aprueba los medicamentos) "
    "lo aprobó en 2017. Fue el primer CAR T aprobado en EE. UU. Sigue siendo el único "
    "aprobado para niños.</p>"
)

HOW_IT_WORKS = (
    "<p>Every child's path is a little different. The times below are typical. "
    "Your team will confirm the plan and the dates for your child.</p>"
    "<h2>The steps</h2>"
    "<h3>1. Referral and first call</h3>"
    "<p>Your child's doctor can send us a referral. You can also call us yourself. "
    "We reply within 1 business day. We look at your child's records, and we ask your "
    "insurance to approve the treatment.</p>"
    "<h3>2. Collecting the T-cells</h3>"
    "<p>We collect T-cells (white blood cells that fight germs) with "
    "<em>apheresis</em> (say it: a-fur-EE-sis). A machine takes blood out, keeps the "
    "T-cells, and puts the rest back. It takes a few hours. Sometimes we need a second day. "
    "Small children may need a catheter (a soft tube in a large vein) for a short time.</p>"
    "<h3>3. Making the CAR T-cells</h3>"
    "<p>The lab changes the cells and grows more of them. This takes about 3 to 4 weeks. "
    "Now and then, the lab cannot make enough cells. If so, we will talk with you about "
    "next steps.</p>"
    "<p>While you wait, your child may get chemo. Chemo is short for chemotherapy (strong "
    "cancer medicine). This is called <em>bridging therapy</em>. It helps keep the leukemia "
    "under control.</p>"
    "<h3>4. Chemo to make room</h3>"
    "<p>Next, your child gets a short course of chemo. It is called <em>lymphodepleting</em> "
    "chemo. It lowers the number of other white blood cells. This makes room for the CAR "
    "T-cells to grow. It lasts a few days. The CAR T-cells are given 2 to 14 days after it "
    "ends.</p>"
    "<h3>5. Infusion day</h3>"
    "<p>The CAR T-cells come in a small bag. They go into your child through an IV (a thin "
    "tube in a vein). This is called an infusion. It most often takes less than an hour.</p>"
    "<h3>6. Time in the hospital</h3>"
    "<p>Most children stay in the hospital for about 1 to 2 weeks. Some stay longer. "
    "We check your child often for side effects.</p>"
    "<h3>7. Staying close by</h3>"
    "<p>Since June 2025, the FDA says to stay near the treatment center for at least 2 weeks "
    "after the infusion. The FDA is the US agency that approves medicines. Patients also "
    "should not drive for at least 2 weeks. Our program may ask you to stay longer. Your "
    "team will tell you how long. We can help you find a place to stay.</p>"
    "<h3>8. Checking if it worked</h3>"
    "<p>About 28 days after the infusion, your child has a bone marrow test. Bone marrow is "
    "the soft inside of bones, where blood is made. The test shows if leukemia can still be "
    "found.</p>"
    "<h3>9. Getting better, and check-ups</h3>"
    "<p>The first 2 to 3 months carry the highest risk of infections (illness caused by "
    "germs) and other problems. CAR T can lower your child's antibodies (proteins that fight "
    "germs). Some children need IVIG for a long time. IVIG is antibodies from donors, given "
    "through an IV. Your child will have check-ups for life.</p>"
    "<h2>Warning signs after infusion</h2>"
    "<p>Call our 24/7 line right away at "
    f'<a href="{URGENT_TEL}">{URGENT_PHONE}</a> if your child has:</p>'
    "<ul>"
    "<li>A fever of 100.4 F (38 C) or higher.</li>"
    "<li>Chills, or a fast heartbeat.</li>"
    "<li>Confusion, or not acting like themselves.</li>"
    "<li>Trouble speaking or understanding.</li>"
    "<li>Shaking or seizures.</li>"
    "<li>Trouble breathing.</li>"
    "<li>Dizziness.</li>"
    "<li>Being very sleepy, or hard to wake up.</li>"
    "<li>Bleeding, or bruises you cannot explain.</li>"
    "</ul>"
    "<p>In an emergency, call 911. Tell every doctor and emergency room (ER) that your "
    "child had CAR T. Show them the wallet card we give you. <strong>Never use a web form "
    "or email to tell us about symptoms.</strong> Always call.</p>"
)

WHO_IT_IS_FOR = (
    "<p>CAR T-cell therapy is not the right choice for every child. Here is who may get it, "
    "and how to ask us about your child.</p>"
    "<h2>Children and young adults with B-cell ALL</h2>"
    "<p>ALL is short for acute lymphoblastic leukemia. Leukemia is a cancer of the blood. "
    "ALL is the most common cancer in children. In B-cell ALL, the cancer starts in young "
    "B-cells, a kind of white blood cell.</p>"
    "<p>CAR T may help patients up to age 25 with B-cell ALL when:</p>"
    "<ul>"
    "<li>The leukemia did not go away with treatment. Doctors call this "
    "<em>refractory</em>.</li>"
    "<li>The leukemia came back two or more times. When cancer comes back, it is called a "
    "<em>relapse</em>.</li>"
    "</ul>"
    "<h2>Adults with lymphoma</h2>"
    "<p>Lymphoma is a cancer of the lymph system. This is part of the body's germ-fighting "
    "system. Adults with some kinds of B-cell lymphoma can get CAR T, too. They are cared for "
    "in our hospital's adult CAR T program. You can find its phone and email on our "
    '<a href="/contact/">Contact us</a> page.</p>'
    "<h2>Children outside the approved use</h2>"
    "<p>Only one CAR T medicine is approved for children. Some children do not fit its "
    "approved use. One example is a child with lymphoma. Another is a child whose leukemia "
    "came back for the first time. These children may be able to join a clinical trial. "
    "A clinical trial is a careful study of a new treatment. Our trials team can tell you "
    "which trials are open.</p>"
    "<h2>A plan made for your child</h2>"
    "<p>Every child gets their own plan. Our doctors meet as a team to talk about each child. "
    "For some children, CAR T is the main treatment. For others, it is a bridge to a "
    "transplant. In a transplant, a donor's healthy blood-making cells take the place of your "
    "child's own. We will explain why we suggest each step.</p>"
    "<h2>How to ask about CAR T</h2>"
    "<p>Call our new-patient line at "
    f'<a href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>. Or ask for a call back on our '
    '<a href="/contact/">Contact us</a> page. You do not need a referral to call. '
    "We reply within 1 business day. It helps to have the name of your child's cancer "
    "doctor ready.</p>"
    "<p>Below is a list of the conditions we treat or study.</p>"
)

WHO_IT_IS_FOR_ES = (
    "<p>La terapia de células CAR T no es la mejor opción para todos los niños. Aquí le "
    "explicamos quién puede recibirla, y cómo preguntarnos por su hijo.</p><h2>Niños y "
    "jóvenes con LLA de células B</h2><p>LLA son las siglas de leucemia linfoblástica "
    "aguda. La leucemia es un cáncer de la sangre. La LLA es el cáncer más común en los "
    "niños. En la LLA de células B, el cáncer empieza en células B jóvenes, un tipo de "
    "glóbulo blanco.</p><p>El CAR T puede ayudar a pacientes de hasta 25 años con LLA de "
    "células B cuando:</p><ul><li>La leucemia no se fue con el tratamiento. Los médicos la "
    "llaman <em>refractaria</em>.</li><li>La leucemia volvió dos veces o más. Cuando el "
    "cáncer vuelve, se llama <em>recaída</em>.</li></ul><h2>Adultos con linfoma</h2><p>El "
    "linfoma es un cáncer del sistema linfático. Es parte del sistema del cuerpo que "
    "combate los gérmenes. Los adultos con algunos tipos de linfoma de células B también "
    "pueden recibir CAR T. Ellos reciben atención en el programa de CAR T para adultos de "
    "nuestro hospital. Encontrará su teléfono y su correo electrónico en nuestra página <a "
    'href="/es/contact/">Contáctenos</a>.</p><h2>Niños fuera del uso aprobado</h2><p>Solo '
    "un medicamento de CAR T está aprobado para niños. Algunos niños no encajan en su uso "
    "aprobado. Un ejemplo es un niño con linfoma. Otro es un niño cuya leucemia volvió por "
    "primera vez. Estos niños pueden participar en un ensayo clínico. Un ensayo clínico es "
    "un estudio cuidadoso de un tratamiento nuevo. Nuestro equipo de ensayos le puede decir "
    "qué ensayos están abiertos.</p><h2>Un plan hecho para su hijo</h2><p>Cada niño tiene "
    "su propio plan. Nuestros médicos se reúnen en equipo para hablar de cada niño. Para "
    "algunos niños, el CAR T es el tratamiento principal. Para otros, es un puente hacia un "
    "trasplante. En un trasplante, las células sanas que forman la sangre de un donante "
    "reemplazan a las de su hijo. Le explicaremos por qué le sugerimos cada "
    "paso.</p><h2>Cómo preguntar por el CAR T</h2><p>Llame a nuestra línea para pacientes "
    f'nuevos al <a href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>. O pida que le llamemos '
    'en nuestra página <a href="/es/contact/">Contáctenos</a>. No necesita una referencia '
    "médica para llamar. Respondemos en 1 día hábil. Ayuda tener a mano el nombre del "
    "médico de cáncer de su hijo.</p><p>Abajo hay una lista de las enfermedades que "
    "tratamos o estudiamos.</p>"
)

TEAM_INTRO = (
    "<p>Your child will be cared for by a whole team. It includes leukemia doctors, cell "
    "therapy doctors and transplant doctors. Lab experts make the CAR T-cells. Nurses, social "
    "workers and child life specialists help your whole family. A child life specialist helps "
    "children cope with the hospital through play and simple talk. One nurse coordinator will "
    "be your main contact. Meet some of the team below.</p>"
)

TEAM_INTRO_ES = (
    "<p>Todo un equipo cuidará a su hijo. En él hay médicos de leucemia, médicos de terapia "
    "celular y médicos de trasplante. Expertos de laboratorio preparan las células CAR T. "
    "Enfermeras, trabajadores sociales y especialistas en vida infantil ayudan a toda su "
    "familia. Un especialista en vida infantil ayuda a los niños a sobrellevar el hospital "
    "por medio del juego y de palabras sencillas. Una enfermera coordinadora será su "
    "contacto principal. Conozca abajo a parte del equipo.</p>"
)

CONTACT_INTRO = (
    "<p>Please call the line that fits your question. Each line and its hours are listed "
    "below. New families can call the new-patient line, or ask for a call back. Families of "
    "our current patients can call the 24/7 line at any time. Doctors who want to refer a "
    "patient can use the referral line. Questions about clinical trials go to the trials "
    "office. Adults with lymphoma can call our adult program.</p>"
    "<p><strong>Never use email or a web form to tell us about symptoms.</strong> Call the "
    f'24/7 line at <a href="{URGENT_TEL}">{URGENT_PHONE}</a>, or 911 in an emergency.</p>'
)

CONTACT_INTRO_ES = (
    "<p>Por favor, llame a la línea que corresponde a su pregunta. Abajo están todas las "
    "líneas y sus horarios. Las familias nuevas pueden llamar a la línea para pacientes "
    "nuevos, o pedir que les llamemos. Las familias de nuestros pacientes actuales pueden "
    "llamar a la línea 24/7 a cualquier hora. Los médicos que quieran referir a un paciente "
    "pueden usar la línea de referencias. Las preguntas sobre ensayos clínicos van a la "
    "oficina de ensayos. Los adultos con linfoma pueden llamar a nuestro programa para "
    "adultos.</p><p><strong>Nunca use el correo electrónico ni un formulario web para "
    "avisarnos de síntomas.</strong> Llame a la línea 24/7 al <a "
    f'href="{URGENT_TEL}">{URGENT_PHONE}</a>, o al 911 en una emergencia.</p>'
)

# Medical review: shown publicly as "Last reviewed <date> by <role>", on the pages that need it.
REVIEWER_ROLE = "a pediatric oncologist on our CAR T team"
REVIEWER_ROLE_ES = "un médico especialista en cáncer infantil de nuestro equipo de CAR T"
REVIEW = {"reviewer_role": REVIEWER_ROLE, "reviewer_role_es": REVIEWER_ROLE_ES}

PAGES = [
    {
        "slug": "what-is-car-t",
        "title": "What is CAR T-cell therapy?",
        "nav_title": "What is CAR T",
        "summary": (
            "CAR T-cell therapy changes a child's own T-cells in a lab so they can find and "
            "fight leukemia. Learn how it works, how well it worked in the main study, and "
            "its side effects."
        ),
        "kind": "standard",
        "order": 10,
        "body": WHAT_IS_CAR_T,
        "title_es": "¿Qué es la terapia de células CAR T?",
        "nav_title_es": "Qué es el CAR T",
        "summary_es": (
            "La terapia de células CAR T cambia en un laboratorio las propias células T de "
            "un niño para que puedan encontrar y combatir la leucemia. Sepa cómo funciona, "
            "qué tan bien funcionó en el estudio principal y cuáles son sus efectos "
            "secundarios."
        ),
        "body_es": WHAT_IS_CAR_T_ES,
        **REVIEW,
    },
    {
        "slug": "how-it-works",
        "title": "How CAR T-cell therapy works",
        "nav_title": "How it works",
        "summary": "The steps of CAR T-cell therapy, from the first call to check-ups for life, with typical times for each step and the warning signs to watch for after the infusion.",
        "kind": "journey",
        "order": 20,
        "body": "<p>Every child's path is a little different. The steps below show what usually happens, and about how long each step takes. Your team will confirm the plan and the dates for your child.</p><p>From the first call to the day of the infusion is often 5 to 8 weeks. After that, your child needs close care for a few months, and check-ups for life. You will not be alone: one nurse coordinator is your main contact at every step.</p>",
        "title_es": "Cómo funciona la terapia de células CAR T",
        "nav_title_es": "Cómo funciona",
        "summary_es": (
            "Los pasos de la terapia de células CAR T, desde la primera llamada hasta los "
            "chequeos de por vida, con los tiempos habituales de cada paso y las señales de "
            "alarma que debe vigilar después de la infusión."
        ),
        "body_es": (
            "<p>El camino de cada niño es un poco diferente. Los pasos de abajo muestran lo "
            "que suele pasar, y cuánto dura cada paso, más o menos. Su equipo le confirmará "
            "el plan y las fechas para su hijo.</p><p>Desde la primera llamada hasta el día "
            "de la infusión suelen pasar de 5 a 8 semanas. Después, su hijo necesita "
            "cuidados de cerca durante unos meses, y chequeos toda la vida. Siempre tendrá "
            "apoyo: una enfermera coordinadora es su contacto principal en cada paso.</p>"
        ),
        **REVIEW,
    },
    {
        "slug": "who-it-is-for",
        "title": "Who CAR T-cell therapy is for",
        "nav_title": "Who it is for",
        "summary": (
            "CAR T-cell therapy is for children and young adults up to 25 with B-cell leukemia "
            "that did not go away or came back. Learn who else may get it, and how to ask us."
        ),
        "kind": "conditions",
        "order": 30,
        "body": WHO_IT_IS_FOR,
        "title_es": "Para quién es la terapia de células CAR T",
        "nav_title_es": "Para quién es",
        "summary_es": (
            "La terapia de células CAR T es para niños y jóvenes de hasta 25 años con "
            "leucemia de células B que no se fue o que volvió. Sepa quién más puede "
            "recibirla, y cómo preguntarnos."
        ),
        "body_es": WHO_IT_IS_FOR_ES,
        **REVIEW,
    },
    {
        "slug": "team",
        "title": "Our team",
        "nav_title": "Our team",
        "summary": (
            "Meet the doctors, nurses, lab experts and family support staff who care for "
            "children having CAR T-cell therapy."
        ),
        "kind": "team",
        "needs_review": False,
        "order": 40,
        "body": TEAM_INTRO,
        "title_es": "Nuestro equipo",
        "nav_title_es": "Nuestro equipo",
        "summary_es": (
            "Conozca a los médicos, enfermeras, expertos de laboratorio y personal de apoyo "
            "a la familia que cuidan a los niños que reciben terapia de células CAR T."
        ),
        "body_es": TEAM_INTRO_ES,
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "nav_title": "Contact us",
        "summary": (
            "Phone lines by purpose, with their hours: new patients, current patients (24/7), "
            "referring doctors, clinical trials and the adult program. Or ask for a call back."
        ),
        "kind": "contacts",
        "needs_review": False,
        "order": 50,
        "body": CONTACT_INTRO,
        "title_es": "Contáctenos",
        "nav_title_es": "Contáctenos",
        "summary_es": (
            "Líneas telefónicas según su pregunta, con sus horarios: pacientes nuevos, "
            "pacientes actuales (24/7), médicos que refieren, ensayos clínicos y el "
            "programa para adultos. O pida que le llamemos."
        ),
        "body_es": CONTACT_INTRO_ES,
    },
]

TEAM = [
    {
        "name": "Anna Lindqvist",
        "credentials": "MD",
        "role": "Leukemia doctor and medical director of the CAR T program",
        "bio": (
            "Dr. Lindqvist cares for children with leukemia that came back. She leads the CAR T "
            "team and meets with every new family. She likes to draw pictures to explain each step."
        ),
        "languages": "English, Swedish",
        "order": 10,
        "role_es": "Médica de leucemia y directora médica del programa de CAR T",
        "bio_es": (
            "La Dra. Lindqvist atiende a niños con leucemia que volvió. Dirige el equipo de "
            "CAR T y se reúne con cada familia nueva. Le gusta hacer dibujos para explicar "
            "cada paso."
        ),
    },
    {
        "name": "Tomás Aguilar",
        "credentials": "MD",
        "role": "Leukemia doctor",
        "bio": (
            "Dr. Aguilar treats children and young adults with leukemia. He helps decide when "
            "CAR T is the right next step. He talks with families in English or Spanish."
        ),
        "languages": "English, Spanish",
        "order": 20,
        "role_es": "Médico de leucemia",
        "bio_es": (
            "El Dr. Aguilar trata a niños y jóvenes con leucemia. Ayuda a decidir cuándo el "
            "CAR T es el siguiente paso correcto. Habla con las familias en inglés o en "
            "español."
        ),
    },
    {
        "name": "Marcus Bell",
        "credentials": "MD, PhD",
        "role": "Cell therapy doctor (immunotherapy)",
        "bio": (
            "Dr. Bell is an expert in treatments that help the immune system fight cancer. He "
            "watches over children in the days after their infusion. He also leads some of our "
            "clinical trials."
        ),
        "languages": "English",
        "order": 30,
        "role_es": "Médico de terapia celular (inmunoterapia)",
        "bio_es": (
            "El Dr. Bell es experto en tratamientos que ayudan al sistema inmunitario a "
            "combatir el cáncer. Cuida a los niños en los días después de su infusión. "
            "También dirige algunos de nuestros ensayos clínicos."
        ),
    },
    {
        "name": "Priya Raman",
        "credentials": "MD",
        "role": "Blood and marrow transplant doctor",
        "bio": (
            "Dr. Raman cares for children who need a transplant. She helps plan care when CAR T "
            "is a bridge to a transplant."
        ),
        "languages": "English, Hindi",
        "order": 40,
        "role_es": "Médica de trasplante de sangre y médula ósea",
        "bio_es": (
            "La Dra. Raman atiende a niños que necesitan un trasplante. Ayuda a planear el "
            "cuidado cuando el CAR T es un puente hacia un trasplante."
        ),
    },
    {
        "name": "Helen Cho",
        "credentials": "PhD",
        "role": "Director of the cell and gene therapy lab",
        "bio": (
            "Dr. Cho runs the lab that handles your child's cells. Her team checks each step so "
            "the cells are safe and ready on time."
        ),
        "languages": "English, Korean",
        "order": 50,
        "role_es": "Directora del laboratorio de terapia celular y génica",
        "bio_es": (
            "La Dra. Cho dirige el laboratorio que maneja las células de su hijo. Su equipo "
            "revisa cada paso para que las células sean seguras y estén listas a tiempo."
        ),
    },
    {
        "name": "Grace Adeyemi",
        "credentials": "MSN, CPNP",
        "role": "Pediatric nurse practitioner",
        "bio": (
            "Grace sees children in clinic and in the hospital. She answers questions about "
            "medicines, side effects and check-ups. She explains things in plain words."
        ),
        "languages": "English",
        "order": 60,
        "role_es": "Enfermera practicante pediátrica",
        "bio_es": (
            "Grace atiende a niños en la clínica y en el hospital. Responde preguntas sobre "
            "medicamentos, efectos secundarios y chequeos. Explica las cosas con palabras "
            "sencillas."
        ),
    },
    {
        "name": "Rosa Delgado",
        "credentials": "LCSW",
        "role": "Social worker",
        "bio": (
            "Rosa helps with the hard things outside of medicine. She can help with travel, "
            "housing near the hospital, work and money worries. She also supports parents and "
            "brothers and sisters."
        ),
        "languages": "English, Spanish",
        "order": 70,
        "role_es": "Trabajadora social",
        "bio_es": (
            "Rosa ayuda con las cosas difíciles fuera de la medicina. Puede ayudar con "
            "viajes, vivienda cerca del hospital, trabajo y preocupaciones de dinero. "
            "También apoya a los padres y a los hermanos."
        ),
    },
    {
        "name": "Ben Carter",
        "credentials": "MS, CCLS",
        "role": "Child life specialist",
        "bio": (
            "Ben helps children understand their care through play, books and simple words. He "
            "can help your child get ready for tests and for infusion day."
        ),
        "languages": "English",
        "order": 80,
        "role_es": "Especialista en vida infantil",
        "bio_es": (
            "Ben ayuda a los niños a entender su cuidado por medio del juego, los libros y "
            "palabras sencillas. Puede ayudar a su hijo a prepararse para las pruebas y "
            "para el día de la infusión."
        ),
    },
]

WEEKDAYS_8_TO_5 = {day: [("08:00", "17:00")] for day in range(5)}

LINES = [
    {
        "name": "Cancer information line",
        "purpose": "information",
        "audience": "Anyone with general questions about CAR T or about our cancer center",
        "phone": "(215) 555-0100",
        "email": "cancerinfo@example.org",
        "is_24_7": False,
        "after_hours": "Leave a message. We call back the next business day.",
        "languages": "English, Spanish",
        "show_on_home": True,
        "show_in_footer": True,
        "order": 10,
        "hours": dict(WEEKDAYS_8_TO_5),
        "name_es": "Línea de información sobre el cáncer",
        "audience_es": (
            "Cualquier persona con preguntas generales sobre el CAR T o sobre nuestro "
            "centro de cáncer"
        ),
        "after_hours_es": "Deje un mensaje. Le llamamos el siguiente día hábil.",
    },
    {
        "name": "New-patient line",
        "purpose": "new_patients",
        "audience": (
            "Families who want to ask if CAR T could help their child, or make a first visit"
        ),
        "phone": NEW_PATIENT_PHONE,
        "email": "",
        "is_24_7": False,
        "after_hours": (
            "Leave a message, or ask for a call back on our Contact us page. "
            "We reply within 1 business day."
        ),
        "languages": "English, Spanish",
        "show_on_home": True,
        "show_in_footer": True,
        "order": 20,
        "hours": {day: [("08:00", "18:00")] for day in range(5)},
        "name_es": "Línea para pacientes nuevos",
        "audience_es": (
            "Familias que quieren preguntar si el CAR T podría ayudar a su hijo, o pedir "
            "una primera visita"
        ),
        "after_hours_es": (
            "Deje un mensaje, o pida que le llamemos en nuestra página Contáctenos. "
            "Respondemos en 1 día hábil."
        ),
    },
    {
        "name": "24/7 line for current patients",
        "purpose": "current_patients",
        "audience": (
            "Families of children being treated by our program, for symptoms or urgent questions"
        ),
        "phone": URGENT_PHONE,
        "email": "",
        "is_24_7": True,
        "after_hours": "Always answered by a nurse or doctor. In an emergency, call 911.",
        "languages": "English, Spanish, and free interpreters for other languages",
        "show_on_home": True,
        "show_in_footer": True,
        "order": 30,
        "hours": {},
        "name_es": "Línea 24/7 para pacientes actuales",
        "audience_es": (
            "Familias de niños en tratamiento en nuestro programa, para síntomas o "
            "preguntas urgentes"
        ),
        "after_hours_es": "Siempre contesta una enfermera o un médico. En una emergencia, llame al 911.",
    },
    {
        "name": "Referral line for doctors and nurses",
        "purpose": "referrals",
        "audience": "Doctors, nurse practitioners and other clinicians referring a patient",
        "phone": "(215) 555-0130",
        "email": "cart-referrals@example.org",
        "is_24_7": False,
        "after_hours": (
            "For an urgent referral, call the hospital operator at (215) 555-0199 and ask for the "
            "CAR T doctor on call."
        ),
        "languages": "English",
        "show_on_home": False,
        "show_in_footer": True,
        "order": 40,
        "hours": {day: [("07:30", "18:00")] for day in range(5)},
        "name_es": "Línea de referencias para médicos y enfermeras",
        "audience_es": (
            "Médicos, enfermeras practicantes y otros profesionales de la salud que "
            "refieren a un paciente"
        ),
        "after_hours_es": (
            "Para una referencia urgente, llame a la operadora del hospital al (215) "
            "555-0199 y pida hablar con el médico de CAR T de guardia."
        ),
    },
    {
        "name": "Clinical trials office",
        "purpose": "trials",
        "audience": "Families and doctors asking about CAR T clinical trials for children",
        "phone": "(215) 555-0160",
        "email": "cart-trials@example.org",
        "is_24_7": False,
        "after_hours": "Leave a message or send an email. We reply within 2 business days.",
        "languages": "English, Spanish",
        "show_on_home": False,
        "show_in_footer": False,
        "order": 50,
        "hours": {day: [("09:00", "17:00")] for day in range(5)},
        "name_es": "Oficina de ensayos clínicos",
        "audience_es": "Familias y médicos que preguntan por ensayos clínicos de CAR T para niños",
        "after_hours_es": "Deje un mensaje o envíe un correo electrónico. Respondemos en 2 días hábiles.",
    },
    {
        "name": "Adult CAR T program",
        "purpose": "adult_program",
        "audience": "Adults with lymphoma or myeloma, adults over 25 with ALL, and their families",
        "phone": "(215) 555-0140",
        "email": "adult-cart@example.org",
        "is_24_7": False,
        "after_hours": "Leave a message. The adult program calls back the next business day.",
        "languages": "English, Spanish",
        "show_on_home": False,
        "show_in_footer": True,
        "order": 60,
        "hours": dict(WEEKDAYS_8_TO_5),
        "name_es": "Programa de CAR T para adultos",
        "audience_es": "Adultos con linfoma o mieloma, adultos de más de 25 años con LLA, y sus familias",
        "after_hours_es": "Deje un mensaje. El programa para adultos le llama el siguiente día hábil.",
    },
]

COORDINATORS = [
    {
        "name": "Ellen Marsh",
        "credentials": "RN, MSN",
        "role": "CAR T nurse coordinator and director of clinical operations",
        "phone": "(215) 555-0171",
        "email": "ellen.marsh@example.org",
        "languages": "English",
        "order": 10,
        "role_es": "Enfermera coordinadora de CAR T y directora de operaciones clínicas",
    },
    {
        "name": "Lucía Herrera",
        "credentials": "RN, BSN",
        "role": "CAR T nurse coordinator for Spanish-speaking families",
        "phone": "(215) 555-0172",
        "email": "lucia.herrera@example.org",
        "languages": "English, Spanish",
        "order": 20,
        "role_es": "Enfermera coordinadora de CAR T para familias que hablan español",
    },
    {
        "name": "Samuel Osei",
        "credentials": "MS, CCRP",
        "role": "Clinical trials coordinator",
        "phone": "(215) 555-0173",
        "email": "samuel.osei@example.org",
        "languages": "English",
        "order": 30,
        "role_es": "Coordinador de ensayos clínicos",
    },
]

CONDITIONS = [
    {
        "name": "B-cell acute lymphoblastic leukemia (ALL) that did not go away or came back",
        "description": (
            "ALL is a cancer of the blood. It is the most common cancer in children. CAR T is "
            "approved for patients up to age 25 whose B-cell ALL did not go away with treatment, "
            "or came back two or more times. This is the main condition our program treats."
        ),
        "order": 10,
        "name_es": "Leucemia linfoblástica aguda (LLA) de células B que no se fue o que volvió",
        "description_es": (
            "La LLA es un cáncer de la sangre. Es el cáncer más común en los niños. El CAR "
            "T está aprobado para pacientes de hasta 25 años cuya LLA de células B no se "
            "fue con el tratamiento, o volvió dos veces o más. Esta es la principal "
            "enfermedad que trata nuestro programa."
        ),
    },
    {
        "name": "B-cell ALL outside the approved use (clinical trials)",
        "description": (
            "Some children with B-cell ALL do not fit the approved use. For example, their "
            "leukemia came back for the first time. They may be able to join a clinical trial, a "
            "careful study of a new treatment. Our trials office can tell you what is open."
        ),
        "order": 20,
        "name_es": "LLA de células B fuera del uso aprobado (ensayos clínicos)",
        "description_es": (
            "Algunos niños con LLA de células B no encajan en el uso aprobado. Por ejemplo, "
            "su leucemia volvió por primera vez. Puede que puedan participar en un ensayo "
            "clínico, un estudio cuidadoso de un tratamiento nuevo. Nuestra oficina de "
            "ensayos le puede decir cuáles están abiertos."
        ),
    },
    {
        "name": "B-cell lymphoma in children and teens (clinical trials)",
        "description": (
            "Lymphoma is a cancer of the lymph system, part of the body's germ-fighting system. "
            "No CAR T medicine is approved for children with lymphoma yet. Some children and "
            "teens whose lymphoma did not go away or came back may join a clinical trial."
        ),
        "order": 30,
        "name_es": "Linfoma de células B en niños y adolescentes (ensayos clínicos)",
        "description_es": (
            "El linfoma es un cáncer del sistema linfático, la parte del cuerpo que combate "
            "los gérmenes. Todavía no hay ningún medicamento de CAR T aprobado para niños "
            "con linfoma. Algunos niños y adolescentes cuyo linfoma no se fue o volvió "
            "pueden participar en un ensayo clínico."
        ),
    },
    {
        "name": "B-cell lymphomas and other blood cancers in adults (adult program)",
        "description": (
            "Several CAR T medicines are approved for adults with some kinds of B-cell lymphoma. "
            "Others are for adults with ALL or with multiple myeloma. Adults are cared for in our "
            "hospital's separate adult CAR T program, which has its own phone line and email."
        ),
        "order": 40,
        "name_es": (
            "Linfomas de células B y otros cánceres de la sangre en adultos (programa para adultos)"
        ),
        "description_es": (
            "Hay varios medicamentos de CAR T aprobados para adultos con algunos tipos de "
            "linfoma de células B. Otros son para adultos con LLA o con mieloma múltiple. "
            "Los adultos reciben atención en el programa de CAR T para adultos de nuestro "
            "hospital, que es aparte y tiene su propia línea telefónica y su correo "
            "electrónico."
        ),
    },
]

SOURCES = (
    "Facts on this site come from: the FDA-approved prescribing information (labels) for "
    "Kymriah (tisagenlecleucel, approved 30 Aug 2017) and the adult-only CAR T products "
    "(Tecartus, Aucatzyl, Yescarta, Breyanzi, Abecma, Carvykti), including their boxed "
    "warnings; the ELIANA study, Maude SL et al., N Engl J Med 2018;378:439-448 (81% in "
    "remission within 3 months); its 3-year follow-up, Laetsch TW et al., J Clin Oncol "
    "(published online 2022); and the FDA's June 2025 label change for CAR T products (stay "
    "near the treatment center for at least 2 weeks and no driving for at least 2 weeks, down "
    "from 4 and 8 weeks). All people, phone numbers and emails here are fictional."
)

# Callback routing: tried from the lowest priority up; the first match wins. "line" names a line
# by its purpose above, "coordinator" by name. No match: the fallback line (the information line).
FALLBACK_LINE = "information"
RESPONSE_HOURS = 9  # one business day on a line open 8 am to 5 pm
ROUTING_RULES = [
    {
        "priority": 10,
        "name": "Referring clinicians",
        "when": {"asker": "clinician"},
        "line": "referrals",
    },
    {"priority": 20, "name": "Patients over 25", "when": {"min_age": 26}, "line": "adult_program"},
    {
        "priority": 30,
        "name": "Lymphoma in an adult",
        "when": {"diagnosis": "lymphoma", "min_age": 18},
        "line": "adult_program",
    },
    {
        "priority": 40,
        "name": "Spanish, with an interpreter",
        "when": {"language": "es", "needs_interpreter": True},
        "line": "new_patients",
        "coordinator": "Lucía Herrera",
    },
    {
        "priority": 50,
        "name": "Clinical trials",
        "when": {"topic": "trials"},
        "line": "trials",
        "coordinator": "Samuel Osei",
    },
    {
        "priority": 60,
        "name": "B-ALL up to 25: new referral",
        "when": {"diagnosis": "b_all", "max_age": 25, "topic": "new_referral"},
        "line": "new_patients",
        "coordinator": "Ellen Marsh",
    },
    {
        "priority": 70,
        "name": "B-ALL up to 25: is CAR T an option?",
        "when": {"diagnosis": "b_all", "max_age": 25, "topic": "is_cart_an_option"},
        "line": "new_patients",
        "coordinator": "Ellen Marsh",
    },
]

# "Staying near the center": the FDA minimum and our policy, kept apart (they change separately).
STAY_NEARBY = {
    "page": "how-it-works",
    "heading": "Staying near the center",
    "fda_minimum_weeks": 2,
    "fda_no_driving_weeks": 2,
    "fda_text": (
        "After the infusion, the FDA asks that your child stay within about 2 hours of the "
        "treatment center for at least 2 weeks. The person who had CAR T should not drive for at "
        "least 2 weeks. Before June 2025, the rule was 4 weeks nearby and 8 weeks with no driving."
    ),
    "fda_source": "FDA safety labeling change for CAR T-cell therapies, June 2025",
    "fda_source_url": "",
    "fda_reviewed_at": datetime.date(2026, 9, 15),
    "policy_weeks": 4,
    "policy_text": (
        "We ask most families to stay close for about 4 weeks, so we can see your child quickly "
        "if a side effect starts. Your team will tell you what is right for your child. Our "
        "social workers can help you find a place to stay."
    ),
    "policy_source": "Larkfield CAR T program family guide",
    "policy_reviewed_at": datetime.date(2026, 9, 15),
    "heading_es": "Quedarse cerca del centro",
    "fda_text_es": (
        "Después de la infusión, la FDA pide que su hijo se quede a unas 2 horas o menos "
        "del centro de tratamiento durante al menos 2 semanas. La persona que recibió CAR T "
        "no debe manejar durante al menos 2 semanas. Antes de junio de 2025, la regla era 4 "
        "semanas cerca y 8 semanas sin manejar."
    ),
    "policy_text_es": (
        "Pedimos a la mayoría de las familias que se queden cerca unas 4 semanas, para "
        "poder ver a su hijo rápido si empieza un efecto secundario. Su equipo le dirá qué "
        "es lo correcto para su hijo. Nuestros trabajadores sociales le pueden ayudar a "
        "encontrar dónde quedarse."
    ),
}

NOTICE = (
    "Since June 2025, families need to stay near the center for at least 2 weeks after CAR T, "
    'not 4. <a href="/how-it-works/">See how it works</a>.'
)

NOTICE_ES = (
    "Desde junio de 2025, las familias deben quedarse cerca del centro al menos 2 semanas "
    'después del CAR T, no 4. <a href="/es/how-it-works/">Vea cómo funciona</a>.'
)

# The journey, step by step (rendered as a timeline on "How it works" and in the family guide).
JOURNEY_STEPS = [
    {
        "order": 10,
        "title": "Referral and first call",
        "what_happens": (
            "Your child's doctor sends us a referral, or you call us yourself. We look at your "
            "child's records. We ask your insurance to approve the treatment."
        ),
        "where": "By phone, then a first visit at our clinic",
        "duration_min": 1,
        "duration_max": None,
        "duration_unit": "days",
        "duration_note": "we reply within 1 business day",
        "family_does": "Have your child's recent records and insurance card ready.",
        "title_es": "Referencia y primera llamada",
        "what_happens_es": (
            "El médico de su hijo nos envía una referencia, o usted nos llama. Revisamos "
            "los expedientes médicos de su hijo. Pedimos a su seguro que apruebe el "
            "tratamiento."
        ),
        "where_es": "Por teléfono, y luego una primera visita en nuestra clínica",
        "duration_note_es": "respondemos en 1 día hábil",
        "family_does_es": (
            "Tenga a mano los expedientes médicos recientes de su hijo y su tarjeta del seguro."
        ),
    },
    {
        "order": 20,
        "title": "Collecting the T-cells",
        "what_happens": (
            "We collect T-cells (white blood cells that fight germs) with apheresis (say it: "
            "a-fur-EE-sis). A machine takes blood out, keeps the T-cells, and puts the rest back."
        ),
        "where": "Apheresis unit, in the hospital",
        "duration_min": 3,
        "duration_max": 6,
        "duration_unit": "hours",
        "duration_note": "sometimes a second day",
        "family_does": (
            "Bring a snack, a drink and something to do. Small children may need a catheter "
            "(a soft tube in a large vein) for a short time."
        ),
        "title_es": "Recolección de las células T",
        "what_happens_es": (
            "Recolectamos las células T (glóbulos blancos que combaten los gérmenes) con "
            "una aféresis. Una máquina saca sangre, se queda con las células T y devuelve "
            "el resto."
        ),
        "where_es": "Unidad de aféresis, en el hospital",
        "duration_note_es": "a veces, un segundo día",
        "family_does_es": (
            "Traiga algo de comer, algo de beber y algo para entretenerse. Puede que los "
            "niños pequeños necesiten un catéter (un tubo blando en una vena grande) por "
            "poco tiempo."
        ),
    },
    {
        "order": 30,
        "title": "Making the CAR T-cells",
        "what_happens": (
            "The lab changes the cells and grows more of them. While you wait, your child may get "
            "chemo to keep the leukemia under control. This is called bridging therapy. Now and "
            "then, the lab cannot make enough cells. If so, we talk with you about next steps."
        ),
        "where": "The cells go to a lab; your child is cared for at our clinic",
        "duration_min": 3,
        "duration_max": 4,
        "duration_unit": "weeks",
        "duration_note": "",
        "family_does": "Keep your child's visits for bridging chemo. Start planning where you will stay.",
        "title_es": "Preparación de las células CAR T",
        "what_happens_es": (
            "El laboratorio cambia las células y hace crecer más. Mientras espera, su hijo "
            "puede recibir quimio para mantener la leucemia bajo control. Esto se llama "
            "terapia puente. A veces, el laboratorio no puede hacer suficientes células. Si "
            "pasa, hablaremos con usted sobre los siguientes pasos."
        ),
        "where_es": "Las células van a un laboratorio; a su hijo lo atendemos en nuestra clínica",
        "family_does_es": (
            "Vaya a todas las citas de quimio puente de su hijo. Empiece a planear dónde se "
            "va a quedar."
        ),
    },
    {
        "order": 40,
        "title": "Chemo to make room",
        "what_happens": (
            "A short course of chemo lowers the number of other white blood cells. This makes room "
            "for the CAR T-cells to grow. It is called lymphodepleting chemo."
        ),
        "where": "Clinic or hospital",
        "duration_min": 2,
        "duration_max": 4,
        "duration_unit": "days",
        "duration_note": "the infusion comes 2 to 14 days after it ends",
        "family_does": "Ask us any question. We will go over the plan with you.",
        "title_es": "Quimio para hacer espacio",
        "what_happens_es": (
            "Un tratamiento corto de quimio baja el número de otros glóbulos blancos. Así "
            "hay espacio para que crezcan las células CAR T. Se llama quimio "
            "linfodepletiva."
        ),
        "where_es": "Clínica u hospital",
        "duration_note_es": "la infusión es de 2 a 14 días después de que termina",
        "family_does_es": "Pregúntenos lo que quiera. Repasaremos el plan con usted.",
    },
    {
        "order": 50,
        "title": "Infusion day",
        "what_happens": (
            "The CAR T-cells come in a small bag. They go into your child through an IV (a thin "
            "tube in a vein)."
        ),
        "where": "Hospital",
        "duration_min": 1,
        "duration_max": None,
        "duration_unit": "hours",
        "duration_note": "most often less than an hour",
        "family_does": "Stay with your child. Many families bring a favorite toy or blanket.",
        "title_es": "El día de la infusión",
        "what_happens_es": (
            "Las células CAR T vienen en una bolsa pequeña. Entran al cuerpo de su hijo por "
            "una vía IV (un tubo delgado en una vena)."
        ),
        "where_es": "Hospital",
        "duration_note_es": "casi siempre dura menos de una hora",
        "family_does_es": "Quédese con su hijo. Muchas familias traen un juguete o una manta favorita.",
    },
    {
        "order": 60,
        "title": "Time in the hospital",
        "what_happens": (
            "We watch your child closely for side effects, day and night. Most side effects start "
            "in the first 1 to 2 weeks."
        ),
        "where": "Hospital",
        "duration_min": 1,
        "duration_max": 2,
        "duration_unit": "weeks",
        "duration_note": "some children stay longer",
        "family_does": "Tell the nurse at once if you notice any change in your child.",
        "title_es": "Tiempo en el hospital",
        "what_happens_es": (
            "Vigilamos a su hijo de cerca, de día y de noche, por si hay efectos "
            "secundarios. La mayoría empiezan en las primeras 1 a 2 semanas."
        ),
        "where_es": "Hospital",
        "duration_note_es": "algunos niños se quedan más tiempo",
        "family_does_es": "Avise a la enfermera enseguida si nota cualquier cambio en su hijo.",
    },
    {
        "order": 70,
        "title": "Staying near the center",
        "what_happens": (
            "After your child goes home from the hospital, you stay close to us so we can act "
            "fast if a side effect starts. See the box below for how long."
        ),
        "where": "Within about 2 hours of the center",
        "duration_min": 2,
        "duration_max": 4,
        "duration_unit": "weeks",
        "duration_note": "your team will tell you",
        "family_does": "Watch for warning signs. The person who had CAR T must not drive.",
        "title_es": "Quedarse cerca del centro",
        "what_happens_es": (
            "Cuando su hijo sale del hospital, ustedes se quedan cerca de nosotros para que "
            "podamos actuar rápido si empieza un efecto secundario. Vea en el recuadro de "
            "abajo cuánto tiempo."
        ),
        "where_es": "A unas 2 horas o menos del centro",
        "duration_note_es": "su equipo se lo dirá",
        "family_does_es": (
            "Esté atento a las señales de alarma. La persona que recibió CAR T no debe manejar."
        ),
    },
    {
        "order": 80,
        "title": "Checking if it worked",
        "what_happens": (
            "About 28 days after the infusion, your child has a bone marrow test. Bone marrow is "
            "the soft inside of bones, where blood is made. The test shows if leukemia can still "
            "be found."
        ),
        "where": "Clinic",
        "duration_min": 1,
        "duration_max": None,
        "duration_unit": "days",
        "duration_note": "around day 28",
        "family_does": "We will talk with you about the results and the next steps.",
        "title_es": "Ver si funcionó",
        "what_happens_es": (
            "Unos 28 días después de la infusión, su hijo tiene una prueba de médula ósea. "
            "La médula ósea es la parte blanda de adentro de los huesos, donde se hace la "
            "sangre. La prueba muestra si todavía se puede encontrar leucemia."
        ),
        "where_es": "Clínica",
        "duration_note_es": "alrededor del día 28",
        "family_does_es": "Hablaremos con usted sobre los resultados y los siguientes pasos.",
    },
    {
        "order": 90,
        "title": "Getting better, and check-ups",
        "what_happens": (
            "The first 2 to 3 months carry the highest risk of infections. Some children need "
            "IVIG (antibodies from donors, given through an IV) for a long time. Your child will "
            "have check-ups for life."
        ),
        "where": "Clinic, then closer to home",
        "duration_min": 2,
        "duration_max": 3,
        "duration_unit": "months",
        "duration_note": "then check-ups for life",
        "family_does": "Keep every check-up. Wash hands often, and keep your child away from sick people.",
        "title_es": "Recuperación y chequeos",
        "what_happens_es": (
            "Los primeros 2 a 3 meses tienen el mayor riesgo de infecciones. Algunos niños "
            "necesitan IVIG (anticuerpos de donantes, que se dan por una vía IV) durante "
            "mucho tiempo. Su hijo tendrá chequeos toda la vida."
        ),
        "where_es": "La clínica, y después más cerca de casa",
        "duration_note_es": "después, chequeos toda la vida",
        "family_does_es": (
            "Vaya a todos los chequeos. Lávense las manos a menudo, y mantenga a su hijo "
            "lejos de personas enfermas."
        ),
    },
]

# Warning signs after the infusion (the reusable, printable block).
WARNING_SIGNS = [
    {
        "order": 10,
        "group": "crs",
        "text": "A fever of 100.4 °F (38 °C) or higher",
        "text_es": "Fiebre de 100.4 °F (38 °C) o más",
    },
    {
        "order": 20,
        "group": "crs",
        "text": "Chills or shaking with the fever",
        "text_es": "Escalofríos o temblores con la fiebre",
    },
    {
        "order": 30,
        "group": "crs",
        "text": "Trouble breathing",
        "text_es": "Problemas para respirar",
    },
    {
        "order": 40,
        "group": "crs",
        "text": "Feeling dizzy or faint",
        "text_es": "Mareo o sensación de desmayo",
    },
    {
        "order": 50,
        "group": "crs",
        "text": "A very fast heartbeat",
        "text_es": "Latidos del corazón muy rápidos",
    },
    {
        "order": 60,
        "group": "nervous",
        "text": "Confusion, or not acting like themselves",
        "text_es": "Confusión, o no actuar como siempre",
    },
    {
        "order": 70,
        "group": "nervous",
        "text": "Trouble speaking or understanding",
        "text_es": "Problemas para hablar o para entender",
    },
    {
        "order": 80,
        "group": "nervous",
        "text": "Shaking, twitching or seizures",
        "text_es": "Temblores, sacudidas o convulsiones",
    },
    {
        "order": 90,
        "group": "nervous",
        "text": "Very sleepy or hard to wake up",
        "text_es": "Mucho sueño, o le cuesta despertarse",
    },
    {
        "order": 100,
        "group": "infection",
        "text": "Bruising or bleeding you cannot explain",
        "text_es": "Moretones o sangrado sin explicación",
    },
]

# --- Families' content: questions, medical words, stories, trials, resources, language help ---

MAIN_PHONE = "(215) 555-0100"

FAQS = [
    {
        "order": 10,
        "category": "Getting started",
        "question": "Do we need a referral from our doctor?",
        "answer": (
            "<p>No. You can call us yourself at "
            f'<a href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>. We reply within 1 business '
            "day. We will ask for your child's records, and we will talk with your child's cancer "
            "doctor.</p>"
            "<p>Some insurance plans need a referral before the first visit. If yours does, we "
            "will help you ask for one.</p>"
        ),
        "category_es": "Para empezar",
        "question_es": "¿Necesitamos una referencia de nuestro médico?",
        "answer_es": (
            "<p>No. Usted puede llamarnos al <a "
            f'href="{NEW_PATIENT_TEL}">{NEW_PATIENT_PHONE}</a>. Respondemos en 1 día hábil. '
            "Le pediremos los expedientes médicos de su hijo, y hablaremos con el médico de "
            "cáncer de su hijo.</p><p>Algunos seguros médicos piden una referencia antes de "
            "la primera visita. Si el suyo la pide, le ayudaremos a conseguirla.</p>"
        ),
    },
    {
        "order": 20,
        "category": "Getting started",
        "question": "How long is it from the first call to the infusion?",
        "answer": (
            "<p>It is often 5 to 8 weeks. First we check your child's records and get approval "
            "from your insurance. Then we collect the T-cells. The lab needs about 3 to 4 weeks "
            "to make the CAR T-cells. Your team will tell you the dates for your child.</p>"
        ),
        "category_es": "Para empezar",
        "question_es": "¿Cuánto tiempo pasa desde la primera llamada hasta la infusión?",
        "answer_es": (
            "<p>Suelen ser de 5 a 8 semanas. Primero revisamos los expedientes médicos de "
            "su hijo y pedimos la aprobación de su seguro. Después recolectamos las células "
            "T. El laboratorio necesita unas 3 a 4 semanas para hacer las células CAR T. Su "
            "equipo le dirá las fechas para su hijo.</p>"
        ),
    },
    {
        "order": 30,
        "category": "Getting started",
        "question": "Can my child get CAR T closer to home?",
        "answer": (
            "<p>Maybe. Only some hospitals are set up to give CAR T. There may be one closer to "
            "you, and we are glad to help you find it. After CAR T, some check-ups can happen with "
            "your child's own cancer doctor, closer to home.</p>"
        ),
        "category_es": "Para empezar",
        "question_es": "¿Puede mi hijo recibir CAR T más cerca de casa?",
        "answer_es": (
            "<p>Tal vez. Solo algunos hospitales están preparados para dar CAR T. Puede que "
            "haya uno más cerca de usted, y con gusto le ayudamos a encontrarlo. Después "
            "del CAR T, algunos chequeos se pueden hacer con el propio médico de cáncer de "
            "su hijo, más cerca de casa.</p>"
        ),
    },
    {
        "order": 40,
        "category": "Money, travel and time",
        "question": "Who pays for CAR T?",
        "answer": (
            "<p>Most health plans, and Medicaid, pay for CAR T when it is approved for your "
            "child's kind of leukemia. We ask your plan to approve it before we start. A financial "
            "counselor can tell you what you may need to pay.</p>"
            "<p>Money worries are common. Our social workers can help with costs like travel, "
            'housing and food. See <a href="/resources/">Help for your family</a>.</p>'
        ),
        "category_es": "Dinero, viajes y tiempo",
        "question_es": "¿Quién paga el CAR T?",
        "answer_es": (
            "<p>La mayoría de los seguros médicos, y Medicaid, pagan el CAR T cuando está "
            "aprobado para el tipo de leucemia de su hijo. Le pedimos a su seguro que lo "
            "apruebe antes de empezar. Un consejero financiero le puede decir cuánto es "
            "posible que usted tenga que pagar.</p><p>Es normal preocuparse por el dinero. "
            "Nuestros trabajadores sociales pueden ayudar con gastos como viajes, "
            'alojamiento y comida. Vea <a href="/es/resources/">Ayuda para su '
            "familia</a>.</p>"
        ),
    },
    {
        "order": 50,
        "category": "Money, travel and time",
        "question": "How long will we need to stay near the hospital?",
        "answer": (
            "<p>Most children stay in the hospital for about 1 to 2 weeks after the infusion. "
            "Then you stay close by. The FDA says at least 2 weeks after the infusion. We ask most "
            "families to stay about 4 weeks. Your team will tell you what is right for your "
            "child.</p>"
            "<p>We can help you find a place to stay. Many families stay at a family house near "
            "the hospital for free or at a low cost.</p>"
        ),
        "category_es": "Dinero, viajes y tiempo",
        "question_es": "¿Cuánto tiempo tendremos que quedarnos cerca del hospital?",
        "answer_es": (
            "<p>La mayoría de los niños se quedan en el hospital unas 1 a 2 semanas después "
            "de la infusión. Después, ustedes se quedan cerca. La FDA dice que al menos 2 "
            "semanas después de la infusión. Pedimos a la mayoría de las familias que se "
            "queden unas 4 semanas. Su equipo le dirá qué es lo correcto para su "
            "hijo.</p><p>Le podemos ayudar a encontrar dónde quedarse. Muchas familias se "
            "quedan en una casa para familias cerca del hospital, gratis o a bajo "
            "costo.</p>"
        ),
    },
    {
        "order": 60,
        "category": "Family life",
        "question": "Can brothers and sisters visit?",
        "answer": (
            "<p>Yes, most of the time. Brothers and sisters who are healthy can visit. Anyone with "
            "a fever, cough or cold should stay home, because CAR T makes it easier for your child "
            "to get sick. In flu season there may be more rules.</p>"
            "<p>Our child life specialists can help brothers and sisters understand what is "
            "happening, in words that fit their age.</p>"
        ),
        "category_es": "La vida en familia",
        "question_es": "¿Pueden venir de visita los hermanos?",
        "answer_es": (
            "<p>Sí, casi siempre. Los hermanos que están sanos pueden venir. Cualquier "
            "persona con fiebre, tos o resfriado debe quedarse en casa, porque el CAR T "
            "hace que su hijo se enferme más fácilmente. En temporada de gripe puede haber "
            "más reglas.</p><p>Nuestros especialistas en vida infantil pueden ayudar a los "
            "hermanos a entender lo que está pasando, con palabras adecuadas para su "
            "edad.</p>"
        ),
    },
    {
        "order": 70,
        "category": "Family life",
        "question": "What about school?",
        "answer": (
            "<p>Your child can keep learning. Our hospital teachers work with your child's school "
            "so your child does not fall too far behind. We can write a letter for the school.</p>"
            "<p>After CAR T, your child may need to stay home from school for a while, because of "
            "the risk of infections. Your team will tell you when it is safe to go back.</p>"
        ),
        "category_es": "La vida en familia",
        "question_es": "¿Y la escuela?",
        "answer_es": (
            "<p>Su hijo puede seguir aprendiendo. Los maestros de nuestro hospital trabajan "
            "con la escuela de su hijo para que no se atrase demasiado. Podemos escribir "
            "una carta para la escuela.</p><p>Después del CAR T, puede que su hijo tenga "
            "que quedarse en casa sin ir a la escuela por un tiempo, por el riesgo de "
            "infecciones. Su equipo le dirá cuándo es seguro volver.</p>"
        ),
    },
    {
        "order": 80,
        "category": "Treatment and side effects",
        "question": "What side effects can CAR T cause?",
        "answer": (
            "<p>The most common one is CRS (cytokine release syndrome). It can cause a high "
            "fever, chills and trouble breathing. CAR T can also affect the brain and nerves. A "
            "child may be confused or have trouble talking. Low blood counts and infections are a "
            "risk, too. In rare cases, a new cancer of the T-cells has been found after CAR T.</p>"
            "<p>We watch your child closely and know how to treat these problems. After you go "
            "home, call our 24/7 line right away at "
            f'<a href="{URGENT_TEL}">{URGENT_PHONE}</a> if you see any warning sign. In an '
            "emergency, call 911.</p>"
        ),
        "category_es": "Tratamiento y efectos secundarios",
        "question_es": "¿Qué efectos secundarios puede causar el CAR T?",
        "answer_es": (
            "<p>El más común es el CRS (síndrome de liberación de citocinas). Puede causar "
            "fiebre alta, escalofríos y problemas para respirar. El CAR T también puede "
            "afectar el cerebro y los nervios. Un niño puede estar confundido o tener "
            "problemas para hablar. Los conteos bajos de células de la sangre y las "
            "infecciones también son un riesgo. En casos raros, se ha encontrado un nuevo "
            "cáncer de las células T después del CAR T.</p><p>Vigilamos a su hijo de cerca "
            "y sabemos cómo tratar estos problemas. Cuando ya estén en casa, llame de "
            f'inmediato a nuestra línea 24/7 al <a href="{URGENT_TEL}">{URGENT_PHONE}</a> si '
            "ve cualquier señal de alarma. En una emergencia, llame al 911.</p>"
        ),
    },
    {
        "order": 90,
        "category": "Treatment and side effects",
        "question": "What if CAR T does not work, or the leukemia comes back?",
        "answer": (
            "<p>CAR T does not work for every child. For some children, the leukemia comes back "
            "later. If that happens, there may be other choices. These can include a transplant, "
            "other medicines, or a clinical trial. See "
            '<a href="/clinical-trials/">Clinical trials</a>.</p>'
            "<p>Your team will talk with you about every choice. You will not be alone. Our social "
            "workers and our comfort care team support the whole family.</p>"
        ),
        "category_es": "Tratamiento y efectos secundarios",
        "question_es": "¿Y si el CAR T no funciona, o la leucemia vuelve?",
        "answer_es": (
            "<p>El CAR T no funciona en todos los niños. En algunos niños, la leucemia "
            "vuelve más tarde. Si pasa, puede haber otras opciones. Pueden ser un "
            "trasplante, otros medicamentos o un ensayo clínico. Vea <a "
            'href="/es/clinical-trials/">Ensayos clínicos</a>.</p><p>Su equipo hablará con '
            "usted sobre cada opción. Siempre tendrá apoyo. Nuestros trabajadores sociales "
            "y nuestro equipo de cuidados para el alivio y el bienestar apoyan a toda la "
            "familia.</p>"
        ),
    },
    {
        "order": 100,
        "category": "Getting started",
        "question": "Can we talk with someone in our own language?",
        "answer": (
            "<p>Yes. Interpreters are free, at every visit and on every call. Just tell us which "
            "language you speak. We do not ask children or family members to interpret. See "
            '<a href="/language-assistance/">Language assistance</a>.</p>'
        ),
        "category_es": "Para empezar",
        "question_es": "¿Podemos hablar con alguien en nuestro idioma?",
        "answer_es": (
            "<p>Sí. Los intérpretes son gratis, en cada visita y en cada llamada. Solo "
            "díganos qué idioma habla. No pedimos a niños ni a familiares que interpreten. "
            'Vea <a href="/es/language-assistance/">Ayuda con el idioma</a>.</p>'
        ),
    },
]

# Medical words the demo pages use, defined in plain words (linked at first use in page text).
GLOSSARY = [
    {
        "slug": "apheresis",
        "term": "apheresis",
        "pronunciation": "a-fur-EE-sis",
        "definition": (
            "A way to collect T-cells from the blood. A machine takes blood out, keeps the "
            "T-cells, and puts the rest back. It takes a few hours."
        ),
        "term_es": "aféresis",
        "pronunciation_es": "a-FÉ-re-sis",
        "definition_es": (
            "Una forma de recolectar células T de la sangre. Una máquina saca sangre, se "
            "queda con las células T y devuelve el resto. Toma unas horas."
        ),
    },
    {
        "slug": "b-cell",
        "term": "B-cell",
        "pronunciation": "",
        "definition": (
            "A kind of white blood cell that makes antibodies to fight germs. In B-cell "
            "leukemia, young B-cells turn into cancer cells."
        ),
        "term_es": "células B",
        "definition_es": (
            "Un tipo de glóbulo blanco que hace anticuerpos para combatir los gérmenes. En "
            "la leucemia de células B, células B jóvenes se convierten en células de "
            "cáncer."
        ),
    },
    {
        "slug": "bone-marrow",
        "term": "bone marrow",
        "pronunciation": "",
        "definition": (
            "The soft inside of bones, where blood is made. A bone marrow test shows if leukemia "
            "can still be found."
        ),
        "term_es": "médula ósea",
        "definition_es": (
            "La parte blanda de adentro de los huesos, donde se hace la sangre. Una prueba "
            "de médula ósea muestra si todavía se puede encontrar leucemia."
        ),
    },
    {
        "slug": "bridging-therapy",
        "term": "bridging therapy",
        "pronunciation": "",
        "definition": (
            "Chemo your child may get while the lab makes the CAR T-cells. It helps keep the "
            "leukemia under control while you wait."
        ),
        "term_es": "terapia puente",
        "definition_es": (
            "Quimio que su hijo puede recibir mientras el laboratorio hace las células CAR "
            "T. Ayuda a mantener la leucemia bajo control mientras esperan."
        ),
    },
    {
        "slug": "car",
        "term": "CAR",
        "pronunciation": "car",
        "definition": (
            "Short for chimeric antigen receptor (ky-MEER-ik AN-tih-jen ree-SEP-ter). It is a new "
            "part the lab adds to the outside of a T-cell. It works like a key that finds the "
            "leukemia cells."
        ),
        "term_es": "CAR",
        "pronunciation_es": "car",
        "definition_es": (
            "Son las siglas en inglés de receptor de antígeno quimérico (ki-MÉ-ri-co). Es "
            "una parte nueva que el laboratorio agrega por fuera de una célula T. Funciona "
            "como una llave que encuentra las células de leucemia."
        ),
    },
    {
        "slug": "crs",
        "term": "CRS",
        "pronunciation": "",
        "definition": (
            "Short for cytokine (SY-toh-kine) release syndrome. It can happen when the CAR "
            "T-cells are hard at work. It can cause a high fever, chills, low blood pressure and "
            "trouble breathing. Call us at once if you see signs of it."
        ),
        "term_es": "CRS",
        "definition_es": (
            "Son las siglas en inglés del síndrome de liberación de citocinas "
            "(si-to-CI-nas). Puede pasar cuando las células CAR T están trabajando mucho. "
            "Puede causar fiebre alta, escalofríos, presión baja y problemas para respirar. "
            "Llámenos enseguida si ve señales de esto."
        ),
    },
    {
        "slug": "icans",
        "term": "ICANS",
        "pronunciation": "EYE-cans",
        "definition": (
            "Side effects of CAR T in the brain and nerves. A child may be confused, have trouble "
            "talking, be very sleepy, or have seizures. Call us at once if you see signs of it."
        ),
        "term_es": "ICANS",
        "pronunciation_es": "ÁI-cans",
        "definition_es": (
            "Efectos secundarios del CAR T en el cerebro y los nervios. Un niño puede estar "
            "confundido, tener problemas para hablar, tener mucho sueño o tener "
            "convulsiones. Llámenos enseguida si ve señales de esto."
        ),
    },
    {
        "slug": "infusion",
        "term": "infusion",
        "pronunciation": "in-FYOO-zhun",
        "definition": (
            "Giving a medicine or cells through an IV, a thin tube in a vein. The CAR T infusion "
            "most often takes less than an hour."
        ),
        "term_es": "infusión",
        "pronunciation_es": "in-fu-SIÓN",
        "definition_es": (
            "Dar un medicamento o células por una vía IV, un tubo delgado en una vena. La "
            "infusión de CAR T casi siempre dura menos de una hora."
        ),
    },
    {
        "slug": "ivig",
        "term": "IVIG",
        "pronunciation": "eye-vee-eye-JEE",
        "definition": (
            "Antibodies from donors, given through an IV. Some children need it for a long time "
            "after CAR T, to help fight germs."
        ),
        "term_es": "IVIG",
        "pronunciation_es": "i-ve-i-GE",
        "definition_es": (
            "Anticuerpos de donantes, que se dan por una vía IV. Algunos niños la necesitan "
            "durante mucho tiempo después del CAR T, para ayudar a combatir los gérmenes."
        ),
    },
    {
        "slug": "leukemia",
        "term": "leukemia",
        "pronunciation": "loo-KEE-mee-uh",
        "definition": (
            "A cancer of the blood. It starts in the bone marrow. ALL (acute lymphoblastic "
            "leukemia) is the most common cancer in children."
        ),
        "term_es": "leucemia",
        "pronunciation_es": "leu-CE-mia",
        "definition_es": (
            "Un cáncer de la sangre. Empieza en la médula ósea. La LLA (leucemia "
            "linfoblástica aguda) es el cáncer más común en los niños."
        ),
    },
    {
        "slug": "lymphodepleting-chemo",
        "term": "lymphodepleting chemo",
        "pronunciation": "LIM-foh-dee-PLEE-ting KEE-moh",
        "definition": (
            "A short course of chemo given a few days before the infusion. It lowers the number "
            "of other white blood cells, to make room for the CAR T-cells to grow."
        ),
        "term_es": "quimio linfodepletiva",
        "pronunciation_es": "KI-mio lin-fo-de-ple-TI-va",
        "definition_es": (
            "Un tratamiento corto de quimio que se da unos días antes de la infusión. Baja "
            "el número de otros glóbulos blancos, para que haya espacio para que crezcan "
            "las células CAR T."
        ),
    },
    {
        "slug": "relapse",
        "term": "relapse",
        "pronunciation": "REE-laps",
        "definition": "When cancer comes back after treatment.",
        "term_es": "recaída",
        "pronunciation_es": "re-ca-Í-da",
        "definition_es": "Cuando el cáncer vuelve después del tratamiento.",
    },
    {
        "slug": "remission",
        "term": "remission",
        "pronunciation": "ree-MISH-un",
        "definition": (
            "When tests can no longer find the cancer. Doctors keep checking, because the cancer "
            "can come back."
        ),
        "term_es": "remisión",
        "pronunciation_es": "re-mi-SIÓN",
        "definition_es": (
            "Cuando las pruebas ya no encuentran el cáncer. Los médicos siguen revisando, "
            "porque el cáncer puede volver."
        ),
    },
    {
        "slug": "t-cell",
        "term": "T-cell",
        "pronunciation": "",
        "definition": (
            "A kind of white blood cell that fights germs. In CAR T-cell therapy, a lab changes "
            "your child's own T-cells so they can find and attack leukemia."
        ),
        "term_es": "células T",
        "definition_es": (
            "Un tipo de glóbulo blanco que combate los gérmenes. En la terapia de células "
            "CAR T, un laboratorio cambia las propias células T de su hijo para que puedan "
            "encontrar y atacar la leucemia."
        ),
    },
]

# Fictional families: names and details made up, shown with the privacy note.
STORIES = [
    {
        "order": 10,
        "title": "Maya's new T-cells",
        "name_shown": "Maya, age 9",
        "body": (
            "<p>Maya was 6 when she found out she had leukemia. Chemo worked at first. But the "
            "leukemia came back, two times. Her doctor near home told her family about CAR T.</p>"
            "<p>“We were scared,” says her mom. “But the nurse coordinator called us back the next "
            "day. She explained every step, and she gave us her direct number.”</p>"
            "<h3>Waiting for the cells</h3>"
            "<p>Maya's T-cells were collected in one morning. She watched a movie the whole time. "
            "The lab took about four weeks to make her CAR T-cells. While she waited, she got "
            "chemo to keep the leukemia down.</p>"
            "<h3>After the infusion</h3>"
            "<p>The infusion took less than an hour. Three days later, Maya got a high fever. "
            "The team knew what to do, and the fever went away. Her family stayed at the family "
            "house near the hospital for four weeks.</p>"
            "<p>At her check-up a month later, the tests could not find leukemia. Maya still has "
            "check-ups, and she is back at school. Her favorite subject is art.</p>"
        ),
        "consent_on_file": True,
        "is_published": True,
        "title_es": "Las nuevas células T de Maya",
        "name_shown_es": "Maya, 9 años",
        "privacy_note_es": "Cambiamos los nombres y algunos detalles para proteger la privacidad.",
        "body_es": (
            "<p>Maya tenía 6 años cuando supo que tenía leucemia. La quimio funcionó al "
            "principio. Pero la leucemia volvió, dos veces. Su médico cerca de casa le "
            "habló a la familia del CAR T.</p><p>“Teníamos miedo”, dice su mamá. “Pero la "
            "enfermera coordinadora nos llamó al día siguiente. Nos explicó cada paso y nos "
            "dio su número directo”.</p><h3>Esperando las células</h3><p>Las células T de "
            "Maya se recolectaron en una mañana. Ella vio una película todo el tiempo. El "
            "laboratorio tardó unas cuatro semanas en hacer sus células CAR T. Mientras "
            "esperaba, recibió quimio para mantener la leucemia bajo "
            "control.</p><h3>Después de la infusión</h3><p>La infusión duró menos de una "
            "hora. Tres días después, Maya tuvo fiebre alta. El equipo sabía qué hacer, y "
            "la fiebre se le quitó. Su familia se quedó cuatro semanas en la casa para "
            "familias cerca del hospital.</p><p>En su chequeo un mes después, las pruebas "
            "no encontraron leucemia. Maya todavía va a chequeos, y ya volvió a la escuela. "
            "Su materia favorita es arte.</p>"
        ),
    },
    {
        "order": 20,
        "title": "Leo's big brother helped him through",
        "name_shown": "Leo, age 16",
        "body": (
            "<p>Leo plays the drums. When his leukemia came back for the second time, he worried "
            "about missing school and his band.</p>"
            "<p>Leo's family lives four hours away. A social worker helped them find a room close "
            "to the hospital, and help paying for gas. His teachers sent his school work to the "
            "hospital teacher.</p>"
            "<h3>A hard week</h3>"
            "<p>A few days after his infusion, Leo got confused and had trouble finding words. "
            "The team watched him day and night and gave him medicine. After a few days, he was "
            "himself again.</p>"
            "<p>His big brother Sam visited every weekend. “Sam brought his headphones, and we "
            "listened to music together,” Leo says. “That helped a lot.”</p>"
            "<p>Leo still goes to check-ups, and he gets IVIG to help him fight germs. He is "
            "playing the drums again.</p>"
        ),
        "consent_on_file": True,
        "is_published": True,
        "title_es": "Leo y la ayuda de su hermano mayor",
        "name_shown_es": "Leo, 16 años",
        "privacy_note_es": "Cambiamos los nombres y algunos detalles para proteger la privacidad.",
        "body_es": (
            "<p>Leo toca la batería. Cuando su leucemia volvió por segunda vez, le "
            "preocupaba perderse la escuela y su banda.</p><p>La familia de Leo vive a "
            "cuatro horas de distancia. Una trabajadora social les ayudó a encontrar un "
            "cuarto cerca del hospital, y ayuda para pagar la gasolina. Sus maestros "
            "enviaron sus tareas a la maestra del hospital.</p><h3>Una semana "
            "difícil</h3><p>Unos días después de su infusión, Leo se confundió y le costaba "
            "encontrar las palabras. El equipo lo vigiló de día y de noche y le dio "
            "medicamentos. Después de unos días, volvió a ser el mismo.</p><p>Su hermano "
            "mayor, Sam, venía cada fin de semana. “Sam traía sus audífonos, y escuchábamos "
            "música juntos”, dice Leo. “Eso me ayudó mucho”.</p><p>Leo todavía va a "
            "chequeos, y recibe IVIG para ayudarle a combatir los gérmenes. Ya volvió a "
            "tocar la batería.</p>"
        ),
    },
]

# Fictional trials: the names say so, and they have no registry number.
TRIALS = [
    {
        "order": 10,
        "short_name": "LARK-CAR19 (fictional)",
        "name": "A CAR T study for B-cell leukemia that came back for the first time",
        "for_whom": (
            "Children and young adults with B-cell ALL that came back one time. The approved CAR "
            "T medicine is for leukemia that came back two or more times, so this study asks if "
            "CAR T can help sooner."
        ),
        "age_min": 1,
        "age_max": 25,
        "status": "recruiting",
        "coordinator": "Samuel Osei",
        "line": "trials",
        "name_es": "Un estudio de CAR T para la leucemia de células B que volvió por primera vez",
        "for_whom_es": (
            "Niños y jóvenes con LLA de células B que volvió una vez. El medicamento de CAR "
            "T aprobado es para la leucemia que volvió dos veces o más, así que este "
            "estudio busca saber si el CAR T puede ayudar antes."
        ),
    },
    {
        "order": 20,
        "short_name": "LARK-CAR22 (fictional)",
        "name": "A CAR T study for leukemia that came back after CAR T",
        "for_whom": (
            "Children and young adults whose B-cell ALL came back after CAR T. The CAR T-cells in "
            "this study look for a different protein on the leukemia cells, called CD22."
        ),
        "age_min": 1,
        "age_max": 21,
        "status": "not_yet_recruiting",
        "coordinator": "",
        "line": "trials",
        "name_es": "Un estudio de CAR T para la leucemia que volvió después del CAR T",
        "for_whom_es": (
            "Niños y jóvenes cuya LLA de células B volvió después del CAR T. Las células "
            "CAR T de este estudio buscan otra proteína en las células de leucemia, llamada "
            "CD22."
        ),
    },
    {
        "order": 30,
        "short_name": "WREN-LYMPH (fictional)",
        "name": "A CAR T study for children and teens with B-cell lymphoma",
        "for_whom": (
            "Children and teens whose B-cell lymphoma did not go away with treatment, or came "
            "back. No CAR T medicine is approved for children with lymphoma yet."
        ),
        "age_min": 3,
        "age_max": 17,
        "status": "active",
        "coordinator": "Samuel Osei",
        "line": "",
        "name_es": "Un estudio de CAR T para niños y adolescentes con linfoma de células B",
        "for_whom_es": (
            "Niños y adolescentes cuyo linfoma de células B no se fue con el tratamiento, o "
            "volvió. Todavía no hay ningún medicamento de CAR T aprobado para niños con "
            "linfoma."
        ),
    },
]

# At least one resource in each category (programs.models.ResourceCategory).
RESOURCES = [
    {
        "order": 10,
        "category": "travel",
        "title": "A free place to stay near the hospital",
        "description": (
            "The Larkfield Family House is a short walk from the hospital. Families of children "
            "in treatment can stay there for free or at a low cost. Ask your social worker to "
            "save you a room."
        ),
        "link": "https://www.example.org/family-house",
        "phone": "(215) 555-0181",
        "title_es": "Un lugar gratis para quedarse cerca del hospital",
        "description_es": (
            "La Casa para Familias Larkfield está a pocos minutos a pie del hospital. Las "
            "familias de niños en tratamiento pueden quedarse allí gratis o a bajo costo. "
            "Pida a su trabajador social que le reserve un cuarto."
        ),
    },
    {
        "order": 20,
        "category": "travel",
        "title": "Help with gas, parking and travel",
        "description": (
            "We can give you a parking pass for your stay. Some families can get help paying for "
            "gas, train or bus tickets, or a flight. Ask your social worker."
        ),
        "link": "",
        "phone": "",
        "title_es": "Ayuda con gasolina, estacionamiento y viajes",
        "description_es": (
            "Le podemos dar un pase de estacionamiento durante su estadía. Algunas familias "
            "pueden recibir ayuda para pagar la gasolina, boletos de tren o de autobús, o "
            "un vuelo. Pregunte a su trabajador social."
        ),
    },
    {
        "order": 30,
        "category": "money",
        "title": "Talk with a financial counselor",
        "description": (
            "A financial counselor can explain what your health plan pays and what you may owe. "
            "They can also help you sign up for Medicaid or other help, if your family can get it."
        ),
        "link": "",
        "phone": "(215) 555-0182",
        "title_es": "Hable con un consejero financiero",
        "description_es": (
            "Un consejero financiero le puede explicar qué paga su seguro médico y cuánto "
            "es posible que usted deba. También le puede ayudar a inscribirse en Medicaid o "
            "en otras ayudas, si su familia califica."
        ),
    },
    {
        "order": 40,
        "category": "money",
        "title": "Help with food and bills",
        "description": (
            "Being away from home costs a lot. Our social workers know groups that help families "
            "with meals, bills and time off work."
        ),
        "link": "",
        "phone": "",
        "title_es": "Ayuda con comida y cuentas",
        "description_es": (
            "Estar lejos de casa cuesta mucho. Nuestros trabajadores sociales conocen "
            "grupos que ayudan a las familias con comidas, cuentas y tiempo libre del "
            "trabajo."
        ),
    },
    {
        "order": 50,
        "category": "adult_program",
        "title": "CAR T for adults",
        "description": (
            "Adults with lymphoma or myeloma, and adults over 25 with ALL, are cared for by our "
            "hospital's adult CAR T program. You can also email adult-cart@example.org."
        ),
        "link": "",
        "phone": "(215) 555-0140",
        "title_es": "CAR T para adultos",
        "description_es": (
            "Los adultos con linfoma o mieloma, y los adultos de más de 25 años con LLA, "
            "reciben atención en el programa de CAR T para adultos de nuestro hospital. "
            "También puede escribir a adult-cart@example.org."
        ),
    },
    {
        "order": 60,
        "category": "school",
        "title": "Our hospital school",
        "description": (
            "Hospital teachers help children keep up with school while they are in treatment. "
            "They work with your child's own school and teachers."
        ),
        "link": "",
        "phone": "(215) 555-0183",
        "title_es": "La escuela de nuestro hospital",
        "description_es": (
            "Los maestros del hospital ayudan a los niños a seguir al día con la escuela "
            "durante el tratamiento. Trabajan con la escuela y los maestros de su hijo."
        ),
    },
    {
        "order": 70,
        "category": "school",
        "title": "Going back to school",
        "description": (
            "When your child is ready to go back, we can help you make a plan with the school. "
            "We can write a letter about what your child needs, like rest breaks or help to "
            "avoid germs."
        ),
        "link": "",
        "phone": "",
        "title_es": "Volver a la escuela",
        "description_es": (
            "Cuando su hijo esté listo para volver, le podemos ayudar a hacer un plan con "
            "la escuela. Podemos escribir una carta sobre lo que su hijo necesita, como "
            "descansos o ayuda para evitar gérmenes."
        ),
    },
    {
        "order": 80,
        "category": "family",
        "title": "Help for brothers and sisters",
        "description": (
            "Our child life specialists help brothers and sisters understand what is happening. "
            "They can meet with them, and give you books that fit their age."
        ),
        "link": "",
        "phone": "(215) 555-0184",
        "title_es": "Ayuda para los hermanos",
        "description_es": (
            "Nuestros especialistas en vida infantil ayudan a los hermanos a entender lo "
            "que está pasando. Pueden reunirse con ellos, y darle a usted libros adecuados "
            "para su edad."
        ),
    },
    {
        "order": 90,
        "category": "family",
        "title": "A group for parents",
        "description": (
            "Parents of children having CAR T meet once a week to talk and share tips. You can "
            "join in person or by video. A social worker leads the group."
        ),
        "link": "",
        "phone": "(215) 555-0185",
        "title_es": "Un grupo para padres",
        "description_es": (
            "Los padres de niños que reciben CAR T se reúnen una vez por semana para hablar "
            "y compartir consejos. Puede participar en persona o por video. Un trabajador "
            "social dirige el grupo."
        ),
    },
]

# Free language help in the 15 languages most spoken in Pennsylvania by people who speak English
# less than very well. Our best list: check it against the current list the US Department of
# Health and Human Services publishes for Pennsylvania before going live, and have qualified
# translators check each line. Written for this demo (not the official HHS taglines).
LANGUAGE_TAGLINES = [
    {
        "order": 10,
        "language": "Spanish",
        "language_es": "Español",
        "native_name": "Español",
        "lang_code": "es",
        "direction": "ltr",
        "tagline": "¿Habla español? Le ayudamos gratis en su idioma. Llame al (215) 555-0100.",
    },
    {
        "order": 20,
        "language": "Chinese",
        "language_es": "Chino",
        "native_name": "简体中文",
        "lang_code": "zh-Hans",
        "direction": "ltr",
        "tagline": "您说中文吗？我们免费为您提供语言帮助。请拨打 (215) 555-0100。",
    },
    {
        "order": 30,
        "language": "Vietnamese",
        "language_es": "Vietnamita",
        "native_name": "Tiếng Việt",
        "lang_code": "vi",
        "direction": "ltr",
        "tagline": (
            "Bạn nói tiếng Việt? Chúng tôi giúp bạn miễn phí bằng ngôn ngữ của bạn. "
            "Xin gọi số (215) 555-0100."
        ),
    },
    {
        "order": 40,
        "language": "Russian",
        "language_es": "Ruso",
        "native_name": "Русский",
        "lang_code": "ru",
        "direction": "ltr",
        "tagline": (
            "Вы говорите по-русски? Мы бесплатно поможем вам на вашем языке. "
            "Звоните по номеру (215) 555-0100."
        ),
    },
    {
        "order": 50,
        "language": "Arabic",
        "language_es": "Árabe",
        "native_name": "العربية",
        "lang_code": "ar",
        "direction": "rtl",
        # The number without brackets, so it reads the same inside right-to-left text.
        "tagline": "هل تتكلم العربية؟ نساعدك بلغتك مجانًا. اتصل بنا على الرقم 215-555-0100.",
    },
    {
        "order": 60,
        "language": "Korean",
        "language_es": "Coreano",
        "native_name": "한국어",
        "lang_code": "ko",
        "direction": "ltr",
        "tagline": (
            "한국어를 하십니까? 한국어로 무료 도움을 드립니다. (215) 555-0100번으로 전화하십시오."
        ),
    },
    {
        "order": 70,
        "language": "Portuguese",
        "language_es": "Portugués",
        "native_name": "Português",
        "lang_code": "pt",
        "direction": "ltr",
        "tagline": (
            "Fala português? Ajudamos você de graça no seu idioma. Ligue para (215) 555-0100."
        ),
    },
    {
        "order": 80,
        "language": "Nepali",
        "language_es": "Nepalí",
        "native_name": "नेपाली",
        "lang_code": "ne",
        "direction": "ltr",
        "tagline": (
            "तपाईं नेपाली बोल्नुहुन्छ? हामी तपाईंलाई तपाईंकै भाषामा निःशुल्क सहयोग गर्छौं। "
            "(215) 555-0100 मा फोन गर्नुहोस्।"
        ),
    },
    {
        "order": 90,
        "language": "Haitian Creole",
        "language_es": "Criollo haitiano",
        "native_name": "Kreyòl ayisyen",
        "lang_code": "ht",
        "direction": "ltr",
        "tagline": "Èske ou pale Kreyòl? Nou ka ede w gratis nan lang pa w. Rele (215) 555-0100.",
    },
    {
        "order": 100,
        "language": "French",
        "language_es": "Francés",
        "native_name": "Français",
        "lang_code": "fr",
        "direction": "ltr",
        "tagline": (
            "Vous parlez français ? Nous vous aidons gratuitement dans votre langue. "
            "Appelez le (215) 555-0100."
        ),
    },
    {
        "order": 110,
        "language": "Italian",
        "language_es": "Italiano",
        "native_name": "Italiano",
        "lang_code": "it",
        "direction": "ltr",
        "tagline": (
            "Parla italiano? La aiutiamo gratis nella sua lingua. Chiami il numero (215) 555-0100."
        ),
    },
    {
        "order": 120,
        "language": "Gujarati",
        "language_es": "Guyaratí",
        "native_name": "ગુજરાતી",
        "lang_code": "gu",
        "direction": "ltr",
        "tagline": (
            "શું તમે ગુજરાતી બોલો છો? અમે તમને તમારી ભાષામાં મફત મદદ કરીએ છીએ. (215) 555-0100 પર ફોન કરો."
        ),
    },
    {
        "order": 130,
        "language": "Khmer",
        "language_es": "Jemer",
        "native_name": "ភាសាខ្មែរ",
        "lang_code": "km",
        "direction": "ltr",
        "tagline": (
            "តើអ្នកនិយាយភាសាខ្មែរទេ? យើងជួយអ្នកជាភាសារបស់អ្នកដោយឥតគិតថ្លៃ។ សូមទូរស័ព្ទមកលេខ (215) 555-0100។"
        ),
    },
    {
        "order": 140,
        "language": "Ukrainian",
        "language_es": "Ucraniano",
        "native_name": "Українська",
        "lang_code": "uk",
        "direction": "ltr",
        "tagline": (
            "Ви розмовляєте українською? Ми безкоштовно допоможемо вам вашою мовою. "
            "Телефонуйте за номером (215) 555-0100."
        ),
    },
    {
        "order": 150,
        "language": "Polish",
        "language_es": "Polaco",
        "native_name": "Polski",
        "lang_code": "pl",
        "direction": "ltr",
        "tagline": (
            "Mówisz po polsku? Pomożemy Ci bezpłatnie w Twoim języku. "
            "Zadzwoń pod numer (215) 555-0100."
        ),
    },
]

FAQ_INTRO = (
    "<p>Here are answers to questions families often ask us. Select a question to see the "
    "answer. If your question is not here, please call us at "
    f'<a href="tel:+12155550100">{MAIN_PHONE}</a>. No question is too small.</p>'
    "<h2>More to read</h2>"
    "<ul>"
    '<li><a href="/glossary/">Medical words and what they mean</a></li>'
    '<li><a href="/stories/">Families\' stories</a></li>'
    '<li><a href="/clinical-trials/">Clinical trials</a></li>'
    "</ul>"
)

FAQ_INTRO_ES = (
    "<p>Aquí hay respuestas a preguntas que las familias nos hacen a menudo. Elija una "
    "pregunta para ver la respuesta. Si su pregunta no está aquí, por favor llámenos al <a "
    f'href="tel:+12155550100">{MAIN_PHONE}</a>. Ninguna pregunta es demasiado '
    'pequeña.</p><h2>Más para leer</h2><ul><li><a href="/es/glossary/">Palabras médicas y '
    'lo que significan</a></li><li><a href="/es/stories/">Historias de '
    'familias</a></li><li><a href="/es/clinical-trials/">Ensayos clínicos</a></li></ul>'
)

LANGUAGE_HELP_INTRO = (
    "<p>Help in your language is free. We can give you:</p>"
    "<ul>"
    "<li>A trained medical interpreter, in person, by video or by phone.</li>"
    "<li>Sign language interpreters.</li>"
    "<li>Forms and papers written in your language.</li>"
    "</ul>"
    "<p>We never ask your child, or other family members, to interpret for you. To ask for "
    f'help, call <a href="tel:+12155550100">{MAIN_PHONE}</a> and tell us which language you '
    "speak. You can also ask any member of your care team.</p>"
)

LANGUAGE_HELP_INTRO_ES = (
    "<p>La ayuda en su idioma es gratis. Le podemos dar:</p><ul><li>Un intérprete médico "
    "capacitado, en persona, por video o por teléfono.</li><li>Intérpretes de lengua de "
    "señas.</li><li>Formularios y papeles escritos en su idioma.</li></ul><p>Nunca pedimos "
    "a su hijo, ni a otros familiares, que interpreten para usted. Para pedir ayuda, llame "
    f'al <a href="tel:+12155550100">{MAIN_PHONE}</a> y díganos qué idioma habla. También '
    "puede pedírselo a cualquier persona de su equipo médico.</p>"
)

NONDISCRIMINATION_TEXT = (
    "<p>Larkfield Children's Hospital follows federal civil rights laws. We treat everyone "
    "the same. We do not turn people away or treat them worse because of race, color, national "
    "origin, age, disability or sex.</p>"
    "<h2>Free help we give</h2>"
    "<ul>"
    "<li>Help for people with a disability, so they can talk with us well. For example: sign "
    "language interpreters, and papers in large print, audio or braille.</li>"
    "<li>Help for people whose main language is not English. For example: trained "
    "interpreters, and papers in other languages. See "
    '<a href="/language-assistance/">Language assistance</a>.</li>'
    "</ul>"
    f'<p>To ask for this help, call <a href="tel:+12155550100">{MAIN_PHONE}</a>. It is free.</p>'
    "<h2>If you think we treated you unfairly</h2>"
    "<p>Did we not give you this help? Do you think we treated you worse because of race, "
    "color, national origin, age, disability or sex? You can tell our civil rights "
    "coordinator. This is called filing a grievance.</p>"
    "<ul>"
    '<li>Phone: <a href="tel:+12155550190">(215) 555-0190</a></li>'
    '<li>Email: <a href="mailto:civil-rights@example.org">civil-rights@example.org</a></li>'
    "<li>In person: ask at any front desk.</li>"
    "</ul>"
    "<p>If you need help to file a grievance, the coordinator will help you.</p>"
    "<p>You can also file a civil rights complaint with the U.S. Department of Health and Human "
    "Services, Office for Civil Rights. You can do it on the "
    '<a href="https://ocrportal.hhs.gov/ocr/portal/lobby.jsf">Office for Civil Rights '
    "complaint website</a>, or call 1-800-368-1019 (TDD: 1-800-537-7697).</p>"
)

NONDISCRIMINATION_TEXT_ES = (
    "<p>Larkfield Children's Hospital cumple las leyes federales de derechos civiles. "
    "Tratamos a todas las personas por igual. No rechazamos a nadie ni lo tratamos peor por "
    "su raza, color, origen nacional, edad, discapacidad o sexo.</p><h2>Ayuda gratis que "
    "ofrecemos</h2><ul><li>Ayuda para personas con una discapacidad, para que puedan "
    "comunicarse bien con nosotros. Por ejemplo: intérpretes de lengua de señas, y papeles "
    "en letra grande, en audio o en braille.</li><li>Ayuda para personas cuyo idioma "
    "principal no es el inglés. Por ejemplo: intérpretes capacitados, y papeles en otros "
    'idiomas. Vea <a href="/es/language-assistance/">Ayuda con el '
    "idioma</a>.</li></ul><p>Para pedir esta ayuda, llame al <a "
    f'href="tel:+12155550100">{MAIN_PHONE}</a>. Es gratis.</p><h2>Si cree que lo tratamos de '
    "forma injusta</h2><p>¿No le dimos esta ayuda? ¿Cree que lo tratamos peor por su raza, "
    "color, origen nacional, edad, discapacidad o sexo? Puede decírselo a nuestro "
    "coordinador de derechos civiles. Esto se llama presentar una queja "
    'formal.</p><ul><li>Teléfono: <a href="tel:+12155550190">(215) '
    "555-0190</a></li><li>Correo electrónico: <a "
    'href="mailto:civil-rights@example.org">civil-rights@example.org</a></li><li>En '
    "persona: pregunte en cualquier recepción.</li></ul><p>Si necesita ayuda para presentar "
    "una queja, el coordinador le ayudará.</p><p>También puede presentar una queja de "
    "derechos civiles ante el Departamento de Salud y Servicios Humanos de EE. UU., Oficina "
    "de Derechos Civiles. Puede hacerlo en el <a "
    'href="https://ocrportal.hhs.gov/ocr/portal/lobby.jsf">sitio web de quejas de la '
    "Oficina de Derechos Civiles</a>, o llamar al 1-800-368-1019 (TDD: 1-800-537-7697).</p>"
)

# The families' pages. Only "faq" and "resources" are in the main menu; the footer links to
# language assistance and the nondiscrimination notice, and pages link to the rest.
EXTRA_PAGES = [
    {
        "slug": "faq",
        "title": "Questions families ask",
        "nav_title": "Questions",
        "summary": (
            "Answers to questions families often ask about CAR T-cell therapy: referrals, cost, "
            "how long you stay, school, visits and side effects."
        ),
        "kind": "faq",
        "show_in_nav": True,
        "needs_review": True,
        "order": 60,
        "body": FAQ_INTRO,
        "title_es": "Preguntas de las familias",
        "nav_title_es": "Preguntas",
        "summary_es": (
            "Respuestas a preguntas que las familias suelen hacer sobre la terapia de "
            "células CAR T: referencias, costos, cuánto tiempo quedarse, escuela, visitas y "
            "efectos secundarios."
        ),
        "body_es": FAQ_INTRO_ES,
        **REVIEW,
    },
    {
        "slug": "resources",
        "title": "Help for your family",
        "nav_title": "Family resources",
        "summary": (
            "Help with a place to stay, travel, money, school and support for the whole family "
            "while your child has CAR T-cell therapy."
        ),
        "kind": "resources",
        "show_in_nav": True,
        "needs_review": False,
        "order": 70,
        "body": (
            "<p>CAR T is hard on the whole family. You may be far from home for weeks. Our social "
            "workers can help with many things outside of medicine. Here are some of the ways we "
            "can help. To read how other families got through it, see "
            '<a href="/stories/">Families\' stories</a>.</p>'
        ),
        "title_es": "Ayuda para su familia",
        "nav_title_es": "Recursos para la familia",
        "summary_es": (
            "Ayuda con un lugar para quedarse, viajes, dinero, escuela y apoyo para toda la "
            "familia mientras su hijo recibe terapia de células CAR T."
        ),
        "body_es": (
            "<p>El CAR T es duro para toda la familia. Puede que esté lejos de casa durante "
            "semanas. Nuestros trabajadores sociales pueden ayudar con muchas cosas fuera "
            "de la medicina. Aquí hay algunas de las formas en que podemos ayudar. Para "
            'leer cómo lo vivieron otras familias, vea <a href="/es/stories/">Historias de '
            "familias</a>.</p>"
        ),
    },
    {
        "slug": "glossary",
        "title": "Medical words and what they mean",
        "nav_title": "Glossary",
        "summary": "Plain meanings of the medical words on this site, with how to say the hard ones.",
        "kind": "glossary",
        "show_in_nav": False,
        "needs_review": False,
        "order": 80,
        "body": (
            "<p>Doctors use a lot of long words. Here is what they mean, in plain words. Some "
            "words also show how to say them. The loud part of the word is in capital letters. "
            "If a word is not here, please ask us. We are glad to explain it.</p>"
        ),
        "title_es": "Palabras médicas y lo que significan",
        "nav_title_es": "Glosario",
        "summary_es": (
            "El significado sencillo de las palabras médicas de este sitio, y cómo se dicen "
            "las más difíciles."
        ),
        "body_es": (
            "<p>Los médicos usan muchas palabras largas. Aquí explicamos lo que significan, "
            "con palabras sencillas. Algunas palabras también muestran cómo se dicen. La "
            "parte fuerte de la palabra está en mayúsculas. Si una palabra no está aquí, "
            "por favor pregúntenos. Con gusto se la explicamos.</p>"
        ),
    },
    {
        "slug": "stories",
        "title": "Families' stories",
        "nav_title": "Stories",
        "summary": "Stories from families whose children had CAR T-cell therapy with us.",
        "kind": "stories",
        "show_in_nav": False,
        "needs_review": False,
        "order": 90,
        "body": (
            "<p>These families said yes to sharing their stories. They hope it helps other "
            "families know what to expect. We changed their names and some details to keep "
            "them private. Every child is different, so your child's care may not be the "
            "same.</p>"
        ),
        "title_es": "Historias de familias",
        "nav_title_es": "Historias",
        "summary_es": (
            "Historias de familias cuyos hijos recibieron terapia de células CAR T con nosotros."
        ),
        "body_es": (
            "<p>Estas familias aceptaron compartir sus historias. Esperan que ayuden a "
            "otras familias a saber qué esperar. Cambiamos sus nombres y algunos detalles "
            "para proteger su privacidad. Cada niño es diferente, así que el cuidado de su "
            "hijo puede no ser igual.</p>"
        ),
    },
    {
        "slug": "clinical-trials",
        "title": "Clinical trials",
        "nav_title": "Clinical trials",
        "summary": (
            "CAR T clinical trials for children and young adults: who each study is for, if it "
            "is open, and whom to call."
        ),
        "kind": "trials",
        "show_in_nav": False,
        "needs_review": False,
        "order": 100,
        "body": (
            "<p>A clinical trial is a careful study of a new treatment. Trials may help children "
            "who cannot get the approved CAR T medicine. Joining is always your choice. You can "
            "leave a trial at any time.</p>"
            "<p>These trials are made up for this demo site. Call our trials office to ask what "
            "is open and if your child may join.</p>"
        ),
        "title_es": "Ensayos clínicos",
        "nav_title_es": "Ensayos clínicos",
        "summary_es": (
            "Ensayos clínicos de CAR T para niños y jóvenes: para quién es cada estudio, si "
            "está abierto y a quién llamar."
        ),
        "body_es": (
            "<p>Un ensayo clínico es un estudio cuidadoso de un tratamiento nuevo. Los "
            "ensayos pueden ayudar a niños que no pueden recibir el medicamento de CAR T "
            "aprobado. Participar siempre es su decisión. Puede salir de un ensayo en "
            "cualquier momento.</p><p>Estos ensayos son inventados para este sitio de "
            "demostración. Llame a nuestra oficina de ensayos para preguntar cuáles están "
            "abiertos y si su hijo puede participar.</p>"
        ),
    },
    {
        "slug": "language-assistance",
        "title": "Language assistance",
        "nav_title": "Language assistance",
        "summary": "Free interpreters and translated papers, in your language. Call (215) 555-0100.",
        "kind": "language_help",
        "show_in_nav": False,
        "needs_review": False,
        "order": 110,
        "body": LANGUAGE_HELP_INTRO,
        "title_es": "Ayuda con el idioma",
        "nav_title_es": "Ayuda con el idioma",
        "summary_es": "Intérpretes gratis y papeles traducidos, en su idioma. Llame al (215) 555-0100.",
        "body_es": LANGUAGE_HELP_INTRO_ES,
    },
    {
        "slug": "nondiscrimination",
        "title": "Nondiscrimination notice",
        "nav_title": "Nondiscrimination",
        "summary": (
            "We do not discriminate. Free aids and language help, and how to file a grievance if "
            "you think we treated you unfairly."
        ),
        "kind": "nondiscrimination",
        "show_in_nav": False,
        "needs_review": False,
        "order": 120,
        "body": NONDISCRIMINATION_TEXT,
        "title_es": "Aviso de no discriminación",
        "nav_title_es": "No discriminación",
        "summary_es": (
            "No discriminamos. Ayudas y ayuda con el idioma gratis, y cómo presentar una "
            "queja si cree que lo tratamos de forma injusta."
        ),
        "body_es": NONDISCRIMINATION_TEXT_ES,
    },
]
