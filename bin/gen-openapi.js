console.log("openapi: nothing to generate yet");
