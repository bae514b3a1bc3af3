import smtplib
from email.message import EmailMessage

msg = EmailMessage()
msg["Subject"] = "Report"
msg.set_content("See attached.")
with smtplib.SMTP("smtp.gmail.com", 587) as server:
    server.starttls()
    server.send_message(msg)
