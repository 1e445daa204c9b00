-- One database per service: a service owns its data.
CREATE DATABASE xiaoneng_posts;
CREATE DATABASE xiaoneng_attendance;
CREATE DATABASE xiaoneng_documents;
CREATE DATABASE xiaoneng_inquiries;
CREATE DATABASE xiaoneng_accountability;
CREATE DATABASE xiaoneng_notifications;
